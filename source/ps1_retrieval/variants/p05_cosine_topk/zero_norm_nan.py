# expect: lose stability
# Gotcha: no epsilon or guard: a zero row gives 0 / 0 = nan, and nan sorts to the wrong place.
"""Cosine top-k that divides by a zero norm. N items (rows), d embedding dims, k returned."""

import numpy as np


def l2_normalize_rows(M):  # M: (N, d)
    norms = np.linalg.norm(M, axis=1, keepdims=True)  # (N, 1)
    return M / norms  # BUG: (N, d); a zero row is 0 / 0 = nan


def topk_cosine(query, items, k=10):  # query: (d,), items: (N, d)
    q = query / np.linalg.norm(query)  # BUG: (d,) nan for a zero query
    scores = l2_normalize_rows(items) @ q  # (N,) nan for a zero item
    return np.argsort(scores)[::-1][:k]  # (min(k, N),) argsort puts nan last, [::-1] first


def topk_cosine_batch(queries, items, k=10):  # queries: (Q, d), items: (N, d)
    S = l2_normalize_rows(queries) @ l2_normalize_rows(items).T  # (Q, N)
    return np.argsort(-S, axis=1)[:, :k]  # (Q, min(k, N))
