# expect: lose stability, correctness
# Gotcha: no empty-bag check: table[[]].mean(axis=0) is 0/0 = nan. The offsets follow-up has
# empty bags too, so it loses that correctness test as well.
"""Embedding bag without the empty-bag case. V rows in the table, d dims, B bags."""

import numpy as np


def embedding_bag(table, id_lists, mode="mean"):  # table: (V, d)
    out = np.zeros((len(id_lists), table.shape[1]))  # (B, d)
    for b, ids in enumerate(id_lists):
        vecs = table[np.array(ids, dtype=np.int64)]  # (L_b, d), (0, d) for an empty bag
        out[b] = vecs.mean(axis=0) if mode == "mean" else vecs.sum(axis=0)  # BUG: nan if L_b = 0
    return out


def embedding_bag_offsets(table, ids, offsets, mode="mean"):
    ends = list(offsets[1:]) + [len(ids)]
    id_lists = [ids[start:end].tolist() for start, end in zip(offsets, ends, strict=True)]
    return embedding_bag(table, id_lists, mode)
