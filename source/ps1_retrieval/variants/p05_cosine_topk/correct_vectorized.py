# expect: full
# Correct: vectorised, np.maximum guard on the norms, argpartition(-scores) then sort the k.
"""Cosine top-k, vectorised with argpartition. N items, d embedding dims, k returned."""

import numpy as np


def l2_normalize_rows(M):  # M: (N, d)
    norms = np.linalg.norm(M, axis=1, keepdims=True)  # (N, 1)
    # a zero row divides by the floor instead of 0: 0 / 1e-12 = 0, not nan
    return M / np.maximum(norms, 1e-12)  # (N, d)


def topk_cosine(query, items, k=10):  # query: (d,), items: (N, d)
    N = items.shape[0]
    q = l2_normalize_rows(query[None, :])[0]  # (d,)
    scores = l2_normalize_rows(items) @ q  # (N,) cosines
    kk = min(k, N)
    if kk < N:
        top = np.argpartition(-scores, kk - 1)[:kk]  # (kk,) the kk largest, unordered
    else:
        top = np.arange(N)  # (N,) everything
    return top[np.argsort(-scores[top])]  # (kk,) largest first


def topk_cosine_batch(queries, items, k=10):  # queries: (Q, d), items: (N, d)
    N = items.shape[0]
    V = l2_normalize_rows(items)  # (N, d) once for all queries
    S = l2_normalize_rows(queries) @ V.T  # (Q, N)
    kk = min(k, N)
    if kk < N:
        top = np.argpartition(-S, kk - 1, axis=1)[:, :kk]  # (Q, kk)
    else:
        top = np.tile(np.arange(N), (S.shape[0], 1))  # (Q, N)
    order = np.argsort(-np.take_along_axis(S, top, axis=1), axis=1)  # (Q, kk)
    return np.take_along_axis(top, order, axis=1)  # (Q, kk)
