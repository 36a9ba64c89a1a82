# expect: lose shapes, correctness
# Gotcha: a loop "fixed" to start its running best at -1, the lowest cosine, with a strict `>`:
# an item at cosine exactly -1 never beats it (item 0 comes back again); and the normalised copy
# is filled into np.zeros_like(M), which stays integer for an integer M and truncates to 0.
"""Cosine top-k whose running maximum starts at -1. N items (rows), d embedding dims, k returned."""

import numpy as np


def l2_normalize_rows(M):  # M: (N, d)
    unit = np.zeros_like(M)  # BUG: int M gives an int buffer; use np.zeros(M.shape)
    for i, row in enumerate(M):
        length = np.sqrt(np.sum(row * row))
        if length > 0:  # a zero row stays zero
            unit[i] = row / length
    return unit  # (N, d)


def topk_cosine(query, items, k=10):  # query: (d,), items: (N, d)
    q = l2_normalize_rows(query[None, :])[0]  # (d,)
    scores = (l2_normalize_rows(items) @ q).tolist()  # N cosines
    picked = []
    for _ in range(min(k, len(scores))):  # k passes, each takes the best item left
        best, best_score = 0, -1.0  # BUG: -1 is a cosine too; start at -inf
        for i, score in enumerate(scores):
            if i not in picked and score > best_score:
                best, best_score = i, score
        picked.append(best)
    return np.array(picked, dtype=np.int64)  # (min(k, N),)


def topk_cosine_batch(queries, items, k=10):  # queries: (Q, d), items: (N, d)
    return np.array([topk_cosine(q, items, k) for q in queries], dtype=np.int64)  # (Q, k')
