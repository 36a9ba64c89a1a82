# expect: full
# Correct: the whiteboard version, norm + 1e-8 and a full argsort reversed (O(N log N) is fine).
"""Cosine top-k with a full argsort. N items (rows), d embedding dims, k returned."""

import numpy as np


def l2_normalize_rows(M):  # M: (N, d)
    norms = np.linalg.norm(M, axis=1, keepdims=True)  # (N, 1)
    return M / (norms + 1e-8)  # (N, d); + eps so a zero row gives 0 / eps = 0


def topk_cosine(query, items, k=10):  # query: (d,), items: (N, d)
    q = query / (np.linalg.norm(query) + 1e-8)  # (d,)
    scores = l2_normalize_rows(items) @ q  # (N,)
    return np.argsort(scores)[::-1][:k]  # (min(k, N),) largest first; [:k] stops at N


def topk_cosine_batch(queries, items, k=10):  # queries: (Q, d), items: (N, d)
    S = l2_normalize_rows(queries) @ l2_normalize_rows(items).T  # (Q, N)
    return np.argsort(-S, axis=1)[:, :k]  # (Q, min(k, N))
