# expect: lose shapes, correctness
# Gotcha: np.squeeze to "flatten" a (1, d) query and an (N, 1) score column drops EVERY axis of
# length 1: d = 1 gives a 0-d query that matmul refuses, N = 1 a 0-d score with no len().
"""Cosine top-k that squeezes away axes of length 1. N items, d embedding dims, k returned."""

import heapq

import numpy as np


def l2_normalize_rows(M):  # M: (N, d)
    norms = np.linalg.norm(M, axis=1, keepdims=True)  # (N, 1)
    return M / np.maximum(norms, 1e-12)  # (N, d)


def topk_cosine(query, items, k=10):  # query: (d,), items: (N, d)
    q = np.squeeze(l2_normalize_rows(query[None, :]))  # BUG: (d,), but 0-d when d = 1
    scores = np.squeeze(l2_normalize_rows(items) @ q[:, None])  # BUG: (N,), 0-d when N = 1
    best = heapq.nlargest(k, range(len(scores)), key=scores.__getitem__)
    return np.array(best, dtype=np.int64)  # (min(k, N),)


def topk_cosine_batch(queries, items, k=10):  # queries: (Q, d), items: (N, d)
    S = l2_normalize_rows(queries) @ l2_normalize_rows(items).T  # (Q, N)
    return np.argsort(-S, axis=1)[:, :k]  # (Q, min(k, N))
