# expect: lose stability, correctness
# Gotcha: np.add.reduceat gives an empty bag the row of the id at its offset, not zeros, and
# fails when the last offset equals len(ids); the offsets follow-up loses its test too.
"""Embedding bag with np.add.reduceat. V rows in the table, d dims, B bags."""

import numpy as np


def embedding_bag_offsets(table, ids, offsets, mode="mean"):
    ids = np.asarray(ids, dtype=np.int64)  # (N,)
    rows = table[ids]  # (N, d)
    sums = np.add.reduceat(rows, offsets, axis=0)  # (B, d) BUG: wrong for empty bags
    if mode == "sum":
        return sums
    lengths = np.diff(np.append(offsets, len(ids)))  # (B,)
    return sums / np.maximum(lengths, 1)[:, None]


def embedding_bag(table, id_lists, mode="mean"):
    lengths = [len(bag) for bag in id_lists]
    offsets = np.concatenate([[0], np.cumsum(lengths)[:-1]]).astype(np.int64)  # (B,)
    ids = np.array([i for bag in id_lists for i in bag], dtype=np.int64)  # (N,)
    return embedding_bag_offsets(table, ids, offsets, mode)
