# expect: lose correctness, stability
# Gotcha (follow-up): the batch argsort runs down axis 0 (over queries), not along each row.
# Also loses the batch's zero-vector test (stability): its rows are no query's top k at all.
"""Cosine top-k with a batch sorted on the wrong axis. Q queries, N items, d dims, k returned."""

import numpy as np


def l2_normalize_rows(M):  # M: (N, d)
    norms = np.linalg.norm(M, axis=1, keepdims=True)  # (N, 1)
    return M / np.maximum(norms, 1e-12)  # (N, d)


def topk_cosine(query, items, k=10):  # query: (d,), items: (N, d)
    q = l2_normalize_rows(query[None, :])[0]  # (d,)
    scores = l2_normalize_rows(items) @ q  # (N,)
    return np.argsort(-scores)[:k]  # (min(k, N),)


def topk_cosine_batch(queries, items, k=10):  # queries: (Q, d), items: (N, d)
    S = l2_normalize_rows(queries) @ l2_normalize_rows(items).T  # (Q, N)
    # BUG: axis=0 sorts each column, i.e. ranks the Q queries for every item
    return np.argsort(-S, axis=0)[:, :k]  # (Q, min(k, N)) the right shape, wrong indices
