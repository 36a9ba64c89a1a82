# expect: lose correctness, stability
# Gotcha: k passes of "take the max" whose running best starts at score 0 and index 0: a cosine
# of 0 or below never beats it, so once the positive cosines run out item 0 comes back again.
"""Cosine top-k whose running maximum starts at 0. N items (rows), d embedding dims, k returned."""

import numpy as np


def l2_normalize_rows(M):  # M: (N, d)
    norms = np.linalg.norm(M, axis=1, keepdims=True)  # (N, 1)
    return M / np.maximum(norms, 1e-12)  # (N, d)


def topk_cosine(query, items, k=10):  # query: (d,), items: (N, d)
    q = l2_normalize_rows(query[None, :])[0]  # (d,)
    scores = (l2_normalize_rows(items) @ q).tolist()  # N cosines
    picked = []
    for _ in range(min(k, len(scores))):  # k passes, each takes the best item left
        best, best_score = 0, 0.0  # BUG: should start at -inf (or the first item left)
        for i, score in enumerate(scores):
            if i not in picked and score > best_score:
                best, best_score = i, score
        picked.append(best)
    return np.array(picked, dtype=np.int64)  # (min(k, N),)


def topk_cosine_batch(queries, items, k=10):  # queries: (Q, d), items: (N, d)
    return np.array([topk_cosine(q, items, k) for q in queries], dtype=np.int64)  # (Q, k')
