# expect: full
# Correct: plain loops over bags and over the ids of each bag, adding whole rows (vectorised over d).
"""Embedding bag with plain loops. V rows in the table, d dims, B bags, L_b ids in bag b."""

import numpy as np


def embedding_bag(table, id_lists, mode="mean"):  # table: (V, d), id_lists: B lists of ints
    V, d = table.shape
    out = np.zeros((len(id_lists), d))  # (B, d)
    for b in range(len(id_lists)):
        total = np.zeros(d)  # (d,) a fresh accumulator, never a view of the table
        count = 0
        for i in id_lists[b]:
            total = total + table[i]  # (d,) a repeated id is added again
            count += 1
        if mode == "sum":
            out[b] = total
        elif count > 0:  # mean of an empty bag stays 0 instead of 0/0
            out[b] = total / count
    return out


def embedding_bag_offsets(table, ids, offsets, mode="mean"):  # ids: (N,), offsets: (B,)
    B = len(offsets)
    id_lists = []
    for b in range(B):
        start = int(offsets[b])
        end = int(offsets[b + 1]) if b + 1 < B else len(ids)  # the last bag runs to the end
        id_lists.append([int(i) for i in ids[start:end]])
    return embedding_bag(table, id_lists, mode)
