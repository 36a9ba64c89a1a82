# expect: lose correctness
# Gotcha: the offsets follow-up calls embedding_bag without passing `mode` on: it always averages.
"""Embedding bag; the offsets version forgets its mode. V rows in the table, d dims, B bags."""

import numpy as np


def embedding_bag(table, id_lists, mode="mean"):  # table: (V, d)
    out = np.zeros((len(id_lists), table.shape[1]))  # (B, d)
    for b, ids in enumerate(id_lists):
        if ids:
            vecs = table[ids]  # (L_b, d)
            out[b] = vecs.mean(axis=0) if mode == "mean" else vecs.sum(axis=0)
    return out


def embedding_bag_offsets(table, ids, offsets, mode="mean"):
    ends = list(offsets[1:]) + [len(ids)]
    id_lists = [ids[start:end].tolist() for start, end in zip(offsets, ends, strict=True)]
    return embedding_bag(table, id_lists)  # BUG: `mode` is not passed on
