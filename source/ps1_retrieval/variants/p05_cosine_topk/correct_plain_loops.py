# expect: full
# Correct: plain Python loops, an explicit zero-row guard, selection by k passes of "take the max".
"""Cosine top-k with plain loops. N items (rows of `items`), d embedding dims, k returned."""

import math

import numpy as np


def _length(row):  # row: d numbers
    return math.sqrt(sum(float(x) * float(x) for x in row))


def l2_normalize_rows(M):  # M: (N, d)
    N, d = M.shape
    out = np.zeros((N, d))  # (N, d), zero rows stay zero
    for i in range(N):
        length = _length(M[i])
        if length == 0.0:  # a zero row has no direction: leave it at zero, never 0 / 0
            continue
        for j in range(d):
            out[i, j] = float(M[i, j]) / length
    return out


def topk_cosine(query, items, k=10):  # query: (d,), items: (N, d)
    N, d = items.shape
    q_len = _length(query)
    unit_items = l2_normalize_rows(items)  # (N, d)
    scores = []  # N cosines
    for i in range(N):
        dot = sum(float(query[j]) * unit_items[i, j] for j in range(d))
        scores.append(dot / q_len if q_len > 0.0 else 0.0)  # a zero query: every cosine is 0
    remaining = list(range(N))
    picked = []
    for _ in range(min(k, N)):  # k passes, each takes the best item still left
        best = remaining[0]
        for i in remaining:
            if scores[i] > scores[best]:
                best = i
        picked.append(best)
        remaining.remove(best)
    return np.array(picked, dtype=np.int64)  # (min(k, N),)


def topk_cosine_batch(queries, items, k=10):  # queries: (Q, d), items: (N, d)
    return np.array([topk_cosine(q, items, k) for q in queries], dtype=np.int64)  # (Q, k')
