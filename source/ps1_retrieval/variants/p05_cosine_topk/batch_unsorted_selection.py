# expect: lose correctness
# Gotcha (follow-up): the batch never orders what it selects: argpartition's k per row come in
# no order, and the k >= N shortcut returns items 0..N-1 by index.
"""Cosine top-k whose batch skips the final sort. Q queries, N items, d dims, k returned."""

import numpy as np


def l2_normalize_rows(M):  # M: (N, d)
    norms = np.linalg.norm(M, axis=1, keepdims=True)  # (N, 1)
    return M / np.maximum(norms, 1e-12)  # (N, d)


def topk_cosine(query, items, k=10):  # query: (d,), items: (N, d)
    q = l2_normalize_rows(query[None, :])[0]  # (d,)
    scores = l2_normalize_rows(items) @ q  # (N,)
    return np.argsort(-scores)[:k]  # (min(k, N),)


def topk_cosine_batch(queries, items, k=10):  # queries: (Q, d), items: (N, d)
    N = items.shape[0]
    S = l2_normalize_rows(queries) @ l2_normalize_rows(items).T  # (Q, N)
    if k >= N:
        return np.tile(np.arange(N), (S.shape[0], 1))  # BUG: (Q, N) every item, by index
    return np.argpartition(-S, k - 1, axis=1)[:, :k]  # BUG: (Q, k) right sets, unordered
