# expect: lose shapes, correctness, stability
# Gotcha: np.argpartition(-scores, k) needs k < N; k == N or k > N raises instead of returning all.
# Also loses shapes (the batch shape test asks for k = 10 of N = 4 items; a single item has
# N = 1 = k) and stability (a zero query with k = 8 > N = 5).
"""Cosine top-k that breaks when k >= N. N items (rows), d embedding dims, k returned."""

import numpy as np


def l2_normalize_rows(M):  # M: (N, d)
    norms = np.linalg.norm(M, axis=1, keepdims=True)  # (N, 1)
    return M / np.maximum(norms, 1e-12)  # (N, d)


def topk_cosine(query, items, k=10):  # query: (d,), items: (N, d)
    q = l2_normalize_rows(query[None, :])[0]  # (d,)
    scores = l2_normalize_rows(items) @ q  # (N,)
    top = np.argpartition(-scores, k)[:k]  # BUG: (k,) ValueError once k >= N
    return top[np.argsort(-scores[top])]  # (k,) largest first


def topk_cosine_batch(queries, items, k=10):  # queries: (Q, d), items: (N, d)
    return np.array([topk_cosine(q, items, k) for q in queries])  # (Q, k), same bug per row
