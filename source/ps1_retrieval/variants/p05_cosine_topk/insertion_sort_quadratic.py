# expect: lose complexity
# Gotcha: vectorised cosines, then a hand-written insertion sort of all N scores: O(N^2)
# comparisons for a top-k that needs O(N log N) at most. Right answers, ~14x on the timing test.
"""Cosine top-k with an insertion sort. N items, d embedding dims, k returned."""

import numpy as np


def l2_normalize_rows(M):  # M: (N, d)
    norms = np.linalg.norm(M, axis=1, keepdims=True)  # (N, 1)
    return M / np.maximum(norms, 1e-12)  # (N, d), a zero row stays zero


def _descending(scores):  # scores: N floats
    order = []
    for i, score in enumerate(scores):  # BUG: each insertion shifts up to i entries
        j = len(order)
        order.append(i)
        while j > 0 and scores[order[j - 1]] < score:
            order[j] = order[j - 1]
            j -= 1
        order[j] = i
    return order  # N indices, best first


def topk_cosine(query, items, k=10):  # query: (d,), items: (N, d)
    q = l2_normalize_rows(query[None, :])[0]  # (d,)
    scores = (l2_normalize_rows(items) @ q).tolist()  # N cosines
    return np.array(_descending(scores)[:k], dtype=np.int64)  # (min(k, N),)


def topk_cosine_batch(queries, items, k=10):  # queries: (Q, d), items: (N, d)
    V = l2_normalize_rows(items)  # (N, d) once for all queries
    S = l2_normalize_rows(queries) @ V.T  # (Q, N)
    return np.array([_descending(row.tolist())[:k] for row in S], dtype=np.int64)  # (Q, k')
