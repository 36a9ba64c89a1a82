# expect: full
# Correct: prefix sums over the gathered rows; bag b is csum[end_b] - csum[start_b] (empty -> 0).
"""Embedding bag with prefix sums. V rows in the table, d dims, B bags, L_b ids in bag b."""

import numpy as np


def _pool_from_offsets(table, ids, starts, mode):
    ids = np.asarray(ids, dtype=np.int64)  # (N,)
    starts = np.asarray(starts, dtype=np.int64)  # (B,)
    ends = np.append(starts[1:], len(ids))  # (B,) the last bag ends at N
    rows = table[ids]  # (N, d)
    csum = np.vstack([np.zeros((1, table.shape[1])), np.cumsum(rows, axis=0)])  # (N + 1, d)
    sums = csum[ends] - csum[starts]  # (B, d) an empty bag subtracts a row from itself: 0
    if mode == "sum":
        return sums
    lengths = ends - starts  # (B,)
    return sums / np.maximum(lengths, 1)[:, None]  # (B, d)


def embedding_bag(table, id_lists, mode="mean"):
    lengths = [len(bag) for bag in id_lists]
    starts = np.concatenate([[0], np.cumsum(lengths)[:-1]])  # (B,)
    ids = [i for bag in id_lists for i in bag]  # N Python ints
    return _pool_from_offsets(table, ids, starts, mode)


def embedding_bag_offsets(table, ids, offsets, mode="mean"):
    return _pool_from_offsets(table, ids, offsets, mode)
