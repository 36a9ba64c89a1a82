# expect: lose shapes, correctness
# Gotcha: offsets read as B + 1 boundaries (include_last_offset), so the last bag is dropped.
"""Embedding bag; the offsets version loses its last bag. V rows, d dims, B bags."""

import numpy as np


def embedding_bag(table, id_lists, mode="mean"):  # table: (V, d)
    out = np.zeros((len(id_lists), table.shape[1]))  # (B, d)
    for b, ids in enumerate(id_lists):
        if ids:
            vecs = table[ids]  # (L_b, d)
            out[b] = vecs.mean(axis=0) if mode == "mean" else vecs.sum(axis=0)
    return out


def embedding_bag_offsets(table, ids, offsets, mode="mean"):
    # BUG: pairs consecutive offsets only; the bag from offsets[-1] to len(ids) is lost
    id_lists = [
        ids[start:end].tolist() for start, end in zip(offsets[:-1], offsets[1:], strict=True)
    ]
    return embedding_bag(table, id_lists, mode)  # (B - 1, d)
