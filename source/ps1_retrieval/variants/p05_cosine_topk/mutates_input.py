# expect: lose shapes, correctness
# Gotcha: normalising in place (M /= norms) rescales the caller's item matrix (and raises for an
# integer M, which cannot hold the float result).
"""Cosine top-k that overwrites its inputs. N items (rows), d embedding dims, k returned."""

import numpy as np


def l2_normalize_rows(M):  # M: (N, d)
    norms = np.linalg.norm(M, axis=1, keepdims=True)  # (N, 1)
    M /= np.maximum(norms, 1e-12)  # BUG: divides the caller's array in place
    return M  # (N, d)


def topk_cosine(query, items, k=10):  # query: (d,), items: (N, d)
    V = l2_normalize_rows(items)  # (N, d), and items is now normalised too
    scores = V @ query  # (N,) ranking by cosine: |query| scales every score alike
    return np.argsort(-scores)[:k]  # (min(k, N),)


def topk_cosine_batch(queries, items, k=10):  # queries: (Q, d), items: (N, d)
    S = l2_normalize_rows(queries) @ l2_normalize_rows(items).T  # (Q, N)
    return np.argsort(-S, axis=1)[:, :k]  # (Q, min(k, N))
