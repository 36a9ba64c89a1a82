# expect: lose shapes, correctness, stability, complexity
# Gotcha: imports torch, which grading.yml forbids for this NumPy-only problem (the problem scores 0).
"""Cosine top-k through torch. N items (rows), d embedding dims, k returned."""

import numpy as np
import torch
import torch.nn.functional as F


def l2_normalize_rows(M):  # M: (N, d)
    return F.normalize(torch.from_numpy(M), dim=1).numpy()  # (N, d)


def topk_cosine(query, items, k=10):  # query: (d,), items: (N, d)
    scores = F.cosine_similarity(torch.from_numpy(items), torch.from_numpy(query)[None], dim=1)
    return torch.topk(scores, min(k, len(scores))).indices.numpy()  # (min(k, N),)


def topk_cosine_batch(queries, items, k=10):  # queries: (Q, d), items: (N, d)
    S = l2_normalize_rows(queries) @ l2_normalize_rows(items).T  # (Q, N)
    return np.argsort(-S, axis=1)[:, :k]  # (Q, min(k, N))
