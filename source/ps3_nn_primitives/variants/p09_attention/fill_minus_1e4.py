# expect: lose stability
# Gotcha: blocked scores filled with -1e4 (BERT's -10000): a blocked key beats allowed scores near -1e6.
"""Attention with a fill that is not negative enough. n queries, m keys, d, d_v dims."""

import numpy as np


def softmax_rows(M):  # M: (..., m)
    M = np.asarray(M, dtype=np.float64)
    # softmax is shift-invariant: subtract the max so the largest exponent is e^0 = 1
    shifted = M - M.max(axis=-1, keepdims=True)  # (..., m) all <= 0
    exps = np.exp(shifted)  # (..., m) in (0, 1]
    return exps / exps.sum(axis=-1, keepdims=True)  # (..., m)


def attention(Q, K, V, mask=None):  # Q: (n, d), K: (m, d), V: (m, d_v), mask: (n, m) bool
    d = Q.shape[1]
    scores = Q @ K.T / np.sqrt(d)  # (n, m)
    if mask is not None:
        scores = np.where(mask, scores, -1e4)  # (n, m) BUG: real scores can be below -1e4
    weights = softmax_rows(scores)  # (n, m) each row sums to 1 over the keys
    return weights @ V  # (n, d_v)


def causal_mask(n):
    return np.tril(np.ones((n, n), dtype=bool))  # (n, n) True on and below the diagonal
