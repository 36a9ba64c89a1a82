# expect: lose stability
# Gotcha: plain Python floats raise ZeroDivisionError on a zero query (NumPy would give nan).
"""Cosine top-k with unguarded Python division. N items (rows), d embedding dims, k returned."""

import math

import numpy as np


def l2_normalize_rows(M):  # M: (N, d)
    out = np.zeros(M.shape)  # (N, d)
    for i, row in enumerate(M):
        length = math.sqrt(sum(x * x for x in row.tolist()))
        if length > 0:  # guarded here...
            out[i] = row / length  # (d,)
    return out


def topk_cosine(query, items, k=10):  # query: (d,), items: (N, d)
    q_len = math.sqrt(sum(x * x for x in query.tolist()))
    unit_q = [x / q_len for x in query.tolist()]  # BUG: ...but not here: 0.0 / 0.0 raises
    V = l2_normalize_rows(items)  # (N, d)
    scores = V @ np.array(unit_q)  # (N,)
    order = sorted(range(len(scores)), key=lambda i: -scores[i])  # N indices, best first
    return np.array(order[:k])  # (min(k, N),)


def topk_cosine_batch(queries, items, k=10):  # queries: (Q, d), items: (N, d)
    return np.array([topk_cosine(q, items, k) for q in queries])  # (Q, min(k, N))
