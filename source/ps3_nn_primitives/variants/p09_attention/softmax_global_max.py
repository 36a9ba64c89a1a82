# expect: lose stability
# Gotcha: softmax_rows shifts by the max of the whole array (M.max(), no axis): a row far below it is 0/0.
"""Attention whose softmax shifts by one global max. n queries, m keys, d, d_v dims."""

import numpy as np


def softmax_rows(M):  # M: (..., m)
    M = np.asarray(M, dtype=np.float64)
    shifted = M - M.max()  # (..., m) BUG: one max for everything, not one per row
    exps = np.exp(shifted)  # (..., m) a row 745 below the global max is all 0
    return exps / exps.sum(axis=-1, keepdims=True)  # (..., m)


def attention(Q, K, V, mask=None):  # Q: (n, d), K: (m, d), V: (m, d_v), mask: (n, m) bool
    d = Q.shape[1]
    scores = Q @ K.T / np.sqrt(d)  # (n, m)
    if mask is not None:
        # finite fill, not -inf: a fully masked row becomes all-equal, hence uniform weights
        scores = np.where(mask, scores, np.finfo(np.float64).min)  # (n, m)
    weights = softmax_rows(scores)  # (n, m) each row sums to 1 over the keys
    return weights @ V  # (n, d_v)


def causal_mask(n):
    return np.tril(np.ones((n, n), dtype=bool))  # (n, n) True on and below the diagonal
