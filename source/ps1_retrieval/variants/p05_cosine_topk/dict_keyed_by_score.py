# expect: lose correctness
# Gotcha: a {score: index} dict keeps one index per score, so duplicate items collapse into one.
"""Cosine top-k through a dict keyed by score. N items (rows), d embedding dims, k returned."""

import numpy as np


def l2_normalize_rows(M):  # M: (N, d)
    norms = np.linalg.norm(M, axis=1, keepdims=True)  # (N, 1)
    return M / (norms + 1e-8)  # (N, d)


def topk_cosine(query, items, k=10):  # query: (d,), items: (N, d)
    q = query / (np.linalg.norm(query) + 1e-8)  # (d,)
    scores = l2_normalize_rows(items) @ q  # (N,)
    index_of = {float(s): i for i, s in enumerate(scores)}  # BUG: equal scores overwrite
    best = sorted(index_of, reverse=True)[:k]
    picked = [index_of[s] for s in best]
    for i in range(len(scores)):  # pad so the length is still min(k, N)
        if len(picked) >= min(k, len(scores)):
            break
        if i not in picked:
            picked.append(i)
    return np.array(picked)  # (min(k, N),)


def topk_cosine_batch(queries, items, k=10):  # queries: (Q, d), items: (N, d)
    return np.array([topk_cosine(q, items, k) for q in queries])  # (Q, min(k, N))
