# expect: full
# Correct: no Python loop over bags: np.add.at scatters every gathered row into its bag's row.
"""Embedding bag, vectorised. V rows in the table, d dims, B bags, L_b ids in bag b."""

import numpy as np


def _pool_segments(table, ids, bag_of_id, B, mode):
    out = np.zeros((B, table.shape[1]))  # (B, d)
    np.add.at(out, bag_of_id, table[ids])  # (B, d) unbuffered: repeated bag indices all add
    if mode == "mean":
        counts = np.bincount(bag_of_id, minlength=B)  # (B,) L_b
        out /= np.maximum(counts, 1)[:, None]  # (B, d) an empty bag is 0 / 1 = 0
    return out


def embedding_bag(table, id_lists, mode="mean"):
    lengths = np.array([len(ids) for ids in id_lists], dtype=np.int64)  # (B,)
    ids = np.array([i for bag in id_lists for i in bag], dtype=np.int64)  # (N,) N = sum L_b
    bag_of_id = np.repeat(np.arange(len(id_lists)), lengths)  # (N,) which bag each id is in
    return _pool_segments(table, ids, bag_of_id, len(id_lists), mode)


def embedding_bag_offsets(table, ids, offsets, mode="mean"):
    ids = np.asarray(ids, dtype=np.int64)  # (N,)
    # id k belongs to the last bag whose start is <= k (empty bags share a start and get none)
    bag_of_id = np.searchsorted(offsets, np.arange(len(ids)), side="right") - 1  # (N,)
    return _pool_segments(table, ids, bag_of_id, len(offsets), mode)
