# expect: lose correctness, stability
# Gotcha: np.argpartition(scores, k) puts the k SMALLEST first; the largest need -scores.
# Also loses stability: the zero-item test selects with the same bug.
"""Cosine top-k that selects the wrong end. N items (rows), d embedding dims, k returned."""

import numpy as np


def l2_normalize_rows(M):  # M: (N, d)
    norms = np.linalg.norm(M, axis=1, keepdims=True)  # (N, 1)
    return M / np.maximum(norms, 1e-12)  # (N, d)


def topk_cosine(query, items, k=10):  # query: (d,), items: (N, d)
    N = items.shape[0]
    q = l2_normalize_rows(query[None, :])[0]  # (d,)
    scores = l2_normalize_rows(items) @ q  # (N,)
    kk = min(k, N)
    top = np.argpartition(scores, kk - 1)[:kk]  # BUG: (kk,) the kk smallest cosines
    return top[np.argsort(-scores[top])]  # (kk,) sorted descending, but the wrong kk


def topk_cosine_batch(queries, items, k=10):  # queries: (Q, d), items: (N, d)
    return np.array([topk_cosine(q, items, k) for q in queries])  # (Q, kk), same bug per row
