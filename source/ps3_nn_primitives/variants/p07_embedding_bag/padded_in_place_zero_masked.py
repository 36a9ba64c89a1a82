# expect: lose correctness, stability
# Gotcha: pads the caller's lists in place with id 0 to a rectangle, then masks id 0 out as if it
# were padding: id_lists changes, and every real id 0 is dropped from its bag (the empty-bag tests
# have an id 0 too).
"""Embedding bag over a padded id matrix, padding with id 0. V rows, d dims, B bags, L_max."""

import numpy as np


def embedding_bag(table, id_lists, mode="mean"):  # table: (V, d)
    L_max = max([len(ids) for ids in id_lists] + [1])
    for ids in id_lists:
        ids.extend([0] * (L_max - len(ids)))  # BUG: pads the caller's lists in place
    padded = np.array(id_lists, dtype=np.int64).reshape(len(id_lists), L_max)  # (B, L_max)
    mask = (padded != 0).astype(np.float64)  # (B, L_max) BUG: a real id 0 counts as padding
    sums = (table[padded] * mask[:, :, None]).sum(axis=1)  # (B, d)
    if mode == "sum":
        return sums
    counts = mask.sum(axis=1)  # (B,)
    return sums / np.maximum(counts, 1)[:, None]  # (B, d)


def embedding_bag_offsets(table, ids, offsets, mode="mean"):
    ends = list(offsets[1:]) + [len(ids)]
    id_lists = [ids[start:end].tolist() for start, end in zip(offsets, ends, strict=True)]
    return embedding_bag(table, id_lists, mode)
