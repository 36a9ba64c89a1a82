# expect: lose complexity
# Gotcha: right values, but a Python loop over the d embedding dimensions inside each bag.
"""Embedding bag pooled one dimension at a time. V rows in the table, d dims, B bags."""

import numpy as np


def embedding_bag(table, id_lists, mode="mean"):  # table: (V, d)
    V, d = table.shape
    out = np.zeros((len(id_lists), d))  # (B, d)
    for b, ids in enumerate(id_lists):
        if not ids:
            continue
        for j in range(d):  # BUG: d Python iterations per bag
            column = table[ids, j]  # (L_b,) dimension j of every row in the bag
            out[b, j] = column.sum() / len(ids) if mode == "mean" else column.sum()
    return out


def embedding_bag_offsets(table, ids, offsets, mode="mean"):
    ends = list(offsets[1:]) + [len(ids)]
    id_lists = [ids[start:end].tolist() for start, end in zip(offsets, ends, strict=True)]
    return embedding_bag(table, id_lists, mode)
