# expect: lose correctness, stability, complexity
# Gotcha: divides by L_b + 1e-8 so an empty bag is not 0/0: every mean is slightly too small,
# also in the stability and complexity tests' value checks.
"""Embedding bag with an epsilon in the mean's divisor. V rows in the table, d dims, B bags."""

import numpy as np


def embedding_bag(table, id_lists, mode="mean"):  # table: (V, d)
    out = np.zeros((len(id_lists), table.shape[1]))  # (B, d)
    for b, ids in enumerate(id_lists):
        total = table[ids].sum(axis=0)  # (d,) zeros for an empty bag
        out[b] = total / (len(ids) + 1e-8) if mode == "mean" else total  # BUG: + 1e-8
    return out


def embedding_bag_offsets(table, ids, offsets, mode="mean"):
    ends = list(offsets[1:]) + [len(ids)]
    id_lists = [ids[start:end].tolist() for start, end in zip(offsets, ends, strict=True)]
    return embedding_bag(table, id_lists, mode)
