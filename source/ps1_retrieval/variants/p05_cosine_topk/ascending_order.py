# expect: lose correctness, stability
# Gotcha: np.argsort(scores)[-k:] is the right set, but in ascending order (best item last).
# Also loses stability: the zero-item test sees the same ascending list.
"""Cosine top-k returned smallest-first. N items (rows), d embedding dims, k returned."""

import numpy as np


def l2_normalize_rows(M):  # M: (N, d)
    norms = np.linalg.norm(M, axis=1, keepdims=True)  # (N, 1)
    return M / (norms + 1e-8)  # (N, d)


def topk_cosine(query, items, k=10):  # query: (d,), items: (N, d)
    q = query / (np.linalg.norm(query) + 1e-8)  # (d,)
    scores = l2_normalize_rows(items) @ q  # (N,)
    return np.argsort(scores)[-k:]  # BUG: (min(k, N),) the top k, but worst of them first


def topk_cosine_batch(queries, items, k=10):  # queries: (Q, d), items: (N, d)
    S = l2_normalize_rows(queries) @ l2_normalize_rows(items).T  # (Q, N)
    return np.argsort(S, axis=1)[:, -k:]  # BUG: same, ascending per row
