# expect: lose correctness
# Gotcha: set(ids) drops repeats, so an id listed twice counts once (nn.EmbeddingBag counts it twice).
"""Embedding bag over the distinct ids of each bag. V rows in the table, d dims, B bags."""

import numpy as np


def embedding_bag(table, id_lists, mode="mean"):  # table: (V, d)
    out = np.zeros((len(id_lists), table.shape[1]))  # (B, d)
    for b, ids in enumerate(id_lists):
        unique = sorted(set(ids))  # BUG: repeats are dropped
        if not unique:
            continue
        vecs = table[unique]  # (distinct ids, d)
        out[b] = vecs.mean(axis=0) if mode == "mean" else vecs.sum(axis=0)
    return out


def embedding_bag_offsets(table, ids, offsets, mode="mean"):
    ends = list(offsets[1:]) + [len(ids)]
    id_lists = [ids[start:end].tolist() for start, end in zip(offsets, ends, strict=True)]
    return embedding_bag(table, id_lists, mode)
