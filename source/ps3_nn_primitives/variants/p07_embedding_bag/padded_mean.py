# expect: lose correctness, stability, complexity
# Gotcha: bags padded to the longest one; the mean divides every bag by that padded length.
# Every mean check fails, the stability and complexity tests' included.
"""Embedding bag over a padded id matrix. V rows in the table, d dims, B bags, L_max padding."""

import numpy as np


def embedding_bag(table, id_lists, mode="mean"):  # table: (V, d)
    B = len(id_lists)
    L_max = max([len(ids) for ids in id_lists] + [1])
    padded = np.zeros((B, L_max), dtype=np.int64)  # (B, L_max) pad with id 0
    mask = np.zeros((B, L_max))  # (B, L_max) 1 where a real id sits
    for b, ids in enumerate(id_lists):
        padded[b, : len(ids)] = ids
        mask[b, : len(ids)] = 1.0
    rows = table[padded] * mask[:, :, None]  # (B, L_max, d) padding rows zeroed
    sums = rows.sum(axis=1)  # (B, d)
    return sums / L_max if mode == "mean" else sums  # BUG: should divide by each L_b


def embedding_bag_offsets(table, ids, offsets, mode="mean"):
    ends = list(offsets[1:]) + [len(ids)]
    id_lists = [ids[start:end].tolist() for start, end in zip(offsets, ends, strict=True)]
    return embedding_bag(table, id_lists, mode)
