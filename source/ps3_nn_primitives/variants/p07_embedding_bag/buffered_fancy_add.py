# expect: lose correctness, stability, complexity
# Gotcha: out[bag_of_id] += table[ids] is a buffered fancy-index add: a bag gets only one of its
# rows (np.add.at adds them all). Every bag of two ids or more is wrong, in every test.
"""Embedding bag, vectorised with a buffered +=. V rows in the table, d dims, B bags."""

import numpy as np


def _pool_segments(table, ids, bag_of_id, B, mode):
    out = np.zeros((B, table.shape[1]))  # (B, d)
    out[bag_of_id] += table[ids]  # BUG: repeated bag indices: only one row per bag lands
    if mode == "mean":
        counts = np.bincount(bag_of_id, minlength=B)  # (B,) L_b
        out /= np.maximum(counts, 1)[:, None]  # (B, d)
    return out


def embedding_bag(table, id_lists, mode="mean"):
    lengths = np.array([len(ids) for ids in id_lists], dtype=np.int64)  # (B,)
    ids = np.array([i for bag in id_lists for i in bag], dtype=np.int64)  # (N,)
    bag_of_id = np.repeat(np.arange(len(id_lists)), lengths)  # (N,)
    return _pool_segments(table, ids, bag_of_id, len(id_lists), mode)


def embedding_bag_offsets(table, ids, offsets, mode="mean"):
    ids = np.asarray(ids, dtype=np.int64)  # (N,)
    bag_of_id = np.searchsorted(offsets, np.arange(len(ids)), side="right") - 1  # (N,)
    return _pool_segments(table, ids, bag_of_id, len(offsets), mode)
