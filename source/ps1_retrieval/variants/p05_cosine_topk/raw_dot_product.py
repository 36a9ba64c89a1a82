# expect: lose correctness, stability
# Gotcha: the items are never normalised, so long item vectors win (raw dot, not cosine).
# Also loses stability: beside the zero items, the items there have different lengths.
"""Top-k by raw dot product instead of cosine. N items (rows), d embedding dims, k returned."""

import numpy as np


def l2_normalize_rows(M):  # M: (N, d); correct, but topk_cosine forgets to use it on items
    norms = np.linalg.norm(M, axis=1, keepdims=True)  # (N, 1)
    return M / np.maximum(norms, 1e-12)  # (N, d)


def topk_cosine(query, items, k=10):  # query: (d,), items: (N, d)
    q = l2_normalize_rows(query[None, :])[0]  # (d,)
    scores = items @ q  # BUG: (N,) |v| cos(q, v): the item's length leaks into the rank
    return np.argsort(-scores)[:k]  # (min(k, N),)


def topk_cosine_batch(queries, items, k=10):  # queries: (Q, d), items: (N, d)
    S = l2_normalize_rows(queries) @ items.T  # BUG: (Q, N) raw dot again
    return np.argsort(-S, axis=1)[:, :k]  # (Q, min(k, N))
