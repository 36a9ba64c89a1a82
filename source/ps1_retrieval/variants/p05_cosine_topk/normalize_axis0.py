# expect: lose correctness, stability
# Gotcha: norms over axis=0 scale each embedding dimension (column), not each item (row).
# Every cosine built on it is wrong too, zero rows included.
"""Cosine top-k normalising the wrong axis. N items (rows), d embedding dims, k returned."""

import numpy as np


def l2_normalize_rows(M):  # M: (N, d)
    norms = np.linalg.norm(M, axis=0, keepdims=True)  # BUG: (1, d), one norm per column
    return M / np.maximum(norms, 1e-12)  # (N, d)


def topk_cosine(query, items, k=10):  # query: (d,), items: (N, d)
    q = query / max(np.linalg.norm(query), 1e-12)  # (d,)
    scores = l2_normalize_rows(items) @ q  # (N,) not cosines: rows keep their lengths
    return np.argsort(-scores)[:k]  # (min(k, N),)


def topk_cosine_batch(queries, items, k=10):  # queries: (Q, d), items: (N, d)
    S = l2_normalize_rows(queries) @ l2_normalize_rows(items).T  # (Q, N)
    return np.argsort(-S, axis=1)[:, :k]  # (Q, min(k, N))
