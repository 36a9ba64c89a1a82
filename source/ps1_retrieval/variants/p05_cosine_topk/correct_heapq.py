# expect: full
# Correct: cosine as dot / (|q| |v|) per item with a guard, heapq.nlargest for the selection.
"""Cosine top-k with a heap. N items (rows), d embedding dims, k returned."""

import heapq

import numpy as np


def l2_normalize_rows(M):  # M: (N, d)
    norms = np.sqrt((M * M).sum(axis=1))  # (N,)
    safe = np.where(norms > 0, norms, 1.0)  # (N,) zero rows divide by 1 and stay zero
    return M / safe[:, None]  # (N, d)


def _cosine(a, b):  # a, b: (d,)
    denom = np.linalg.norm(a) * np.linalg.norm(b)
    return float(a @ b / denom) if denom > 0 else 0.0


def topk_cosine(query, items, k=10):  # query: (d,), items: (N, d)
    scores = [_cosine(query, v) for v in items]  # N cosines
    best = heapq.nlargest(k, range(len(scores)), key=scores.__getitem__)  # O(N log k)
    return np.asarray(best, dtype=np.intp)  # (min(k, N),)


def topk_cosine_batch(queries, items, k=10):  # queries: (Q, d), items: (N, d)
    V = l2_normalize_rows(items)  # (N, d) normalised once
    Q = l2_normalize_rows(queries)  # (Q, d)
    rows = []
    for q in Q:
        scores = V @ q  # (N,)
        rows.append(heapq.nlargest(k, range(len(scores)), key=scores.__getitem__))
    return np.array(rows, dtype=np.intp)  # (Q, min(k, N))
