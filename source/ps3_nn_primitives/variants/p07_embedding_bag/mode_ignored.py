# expect: lose correctness, stability, complexity
# Gotcha: `mode` is never read: every call returns the mean, also when mode="sum" is asked.
# Its sums are wrong everywhere, so it also loses the stability and complexity tests' sum checks.
"""Embedding bag that always averages. V rows in the table, d dims, B bags."""

import numpy as np


def embedding_bag(table, id_lists, mode="mean"):  # table: (V, d)
    out = np.zeros((len(id_lists), table.shape[1]))  # (B, d)
    for b, ids in enumerate(id_lists):
        if ids:
            out[b] = table[ids].mean(axis=0)  # BUG: the mode argument is ignored
    return out


def embedding_bag_offsets(table, ids, offsets, mode="mean"):
    ends = list(offsets[1:]) + [len(ids)]
    id_lists = [ids[start:end].tolist() for start, end in zip(offsets, ends, strict=True)]
    return embedding_bag(table, id_lists, mode)
