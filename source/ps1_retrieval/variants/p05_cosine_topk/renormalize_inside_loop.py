# expect: lose complexity
# Gotcha: the whole item matrix is re-normalised for every item: O(N^2 d) instead of O(N d).
"""Cosine top-k with the normalisation inside the loop. N items, d embedding dims, k returned."""

import numpy as np


def l2_normalize_rows(M):  # M: (N, d)
    norms = np.linalg.norm(M, axis=1, keepdims=True)  # (N, 1)
    return M / np.maximum(norms, 1e-12)  # (N, d)


def topk_cosine(query, items, k=10):  # query: (d,), items: (N, d)
    N = items.shape[0]
    q = l2_normalize_rows(query[None, :])[0]  # (d,)
    scores = np.zeros(N)  # (N,)
    for i in range(N):
        V = l2_normalize_rows(items)  # BUG: (N, d) the same O(N d) work, redone N times
        scores[i] = V[i] @ q
    return np.argsort(-scores)[:k]  # (min(k, N),)


def topk_cosine_batch(queries, items, k=10):  # queries: (Q, d), items: (N, d)
    V = l2_normalize_rows(items)  # (N, d)
    S = l2_normalize_rows(queries) @ V.T  # (Q, N)
    return np.argsort(-S, axis=1)[:, :k]  # (Q, min(k, N))
