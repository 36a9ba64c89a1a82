# expect: lose stability
# Gotcha: a shortcut for the zero query ("every cosine is 0, any k will do") returns
# np.arange(k), which runs past the last item when k > N.
"""Cosine top-k with a zero-query shortcut. N items (rows), d embedding dims, k returned."""

import numpy as np


def l2_normalize_rows(M):  # M: (N, d)
    norms = np.linalg.norm(M, axis=1, keepdims=True)  # (N, 1)
    return M / np.maximum(norms, 1e-12)  # (N, d)


def topk_cosine(query, items, k=10):  # query: (d,), items: (N, d)
    if not np.any(query):  # a zero query: every cosine is 0, so any k items are right
        return np.arange(k)  # BUG: (k,) indices N..k-1 do not exist when k > N
    q = query / np.linalg.norm(query)  # (d,)
    scores = l2_normalize_rows(items) @ q  # (N,)
    return np.argsort(-scores)[:k]  # (min(k, N),)


def topk_cosine_batch(queries, items, k=10):  # queries: (Q, d), items: (N, d)
    S = l2_normalize_rows(queries) @ l2_normalize_rows(items).T  # (Q, N)
    return np.argsort(-S, axis=1)[:, :k]  # (Q, min(k, N))
