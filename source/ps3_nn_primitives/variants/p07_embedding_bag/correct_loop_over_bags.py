# expect: full
# Correct: the seed's style, one Python loop over bags, each bag pooled with table[ids].mean(0).
"""Embedding bag, one bag at a time. V rows in the table, d dims, B bags, L_b ids in bag b."""

import numpy as np


def embedding_bag(table, id_lists, mode="mean"):  # table: (V, d), id_lists: B lists of ints
    out = np.zeros((len(id_lists), table.shape[1]))  # (B, d), empty bags stay zeros
    for b, ids in enumerate(id_lists):
        if not ids:
            continue  # an empty bag: no rows to pool, leave zeros (a mean would be 0/0)
        vecs = table[ids]  # (L_b, d) fancy indexing: a copy, repeats kept
        out[b] = vecs.mean(axis=0) if mode == "mean" else vecs.sum(axis=0)  # (d,)
    return out


def embedding_bag_offsets(table, ids, offsets, mode="mean"):  # ids: (N,), offsets: (B,)
    ends = list(offsets[1:]) + [len(ids)]  # B ends: the last bag runs to the end of ids
    id_lists = [ids[start:end].tolist() for start, end in zip(offsets, ends, strict=True)]
    return embedding_bag(table, id_lists, mode)  # (B, d)
