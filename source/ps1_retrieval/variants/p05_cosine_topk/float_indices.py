# expect: lose shapes, correctness, stability
# Gotcha: indices collected in np.zeros(k) come back as float64 (3.0, not 3): not usable as indices.
# Also loses correctness and stability: every test checks the dtype before the values.
"""Cosine top-k returning float indices. N items (rows), d embedding dims, k returned."""

import numpy as np


def l2_normalize_rows(M):  # M: (N, d)
    norms = np.linalg.norm(M, axis=1, keepdims=True)  # (N, 1)
    return M / np.maximum(norms, 1e-12)  # (N, d)


def topk_cosine(query, items, k=10):  # query: (d,), items: (N, d)
    q = l2_normalize_rows(query[None, :])[0]  # (d,)
    scores = l2_normalize_rows(items) @ q  # (N,)
    order = np.argsort(-scores)  # (N,)
    kk = min(k, len(order))
    top = np.zeros(kk)  # BUG: (kk,) float64
    for j in range(kk):
        top[j] = order[j]
    return top


def topk_cosine_batch(queries, items, k=10):  # queries: (Q, d), items: (N, d)
    return np.array([topk_cosine(q, items, k) for q in queries])  # (Q, kk) float64 too
