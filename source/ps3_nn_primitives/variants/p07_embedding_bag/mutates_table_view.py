# expect: lose correctness, complexity
# Gotcha: total = table[ids[0]] is a view of a table row, so total += table[i] writes into the table.
# Later bags then read corrupted rows: most value checks fail too, the complexity test's included.
"""Embedding bag that accumulates into a row of the table. V rows, d dims, B bags."""

import numpy as np


def embedding_bag(table, id_lists, mode="mean"):  # table: (V, d)
    out = np.zeros((len(id_lists), table.shape[1]))  # (B, d)
    for b, ids in enumerate(id_lists):
        if not ids:
            continue
        total = table[ids[0]]  # (d,) BUG: basic indexing gives a view, not a copy
        for i in ids[1:]:
            total += table[i]  # writes into table[ids[0]]
        out[b] = total / len(ids) if mode == "mean" else total
    return out


def embedding_bag_offsets(table, ids, offsets, mode="mean"):
    ends = list(offsets[1:]) + [len(ids)]
    id_lists = [ids[start:end].tolist() for start, end in zip(offsets, ends, strict=True)]
    return embedding_bag(table, id_lists, mode)
