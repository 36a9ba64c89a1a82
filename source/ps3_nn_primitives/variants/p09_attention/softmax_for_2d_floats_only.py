# expect: lose shapes, correctness
# Gotcha: softmax_rows loops over M.shape[0] into np.zeros_like(M): int scores give an int array, and a 1-D row (no leading axis) comes back all ones.
"""Attention with a softmax written for a 2-D float matrix only. n queries, m keys, d, d_v dims."""

import numpy as np


def softmax_rows(M):  # M: (..., m)
    if M.ndim > 2:  # fold leading axes away one at a time
        return np.stack([softmax_rows(block) for block in M])  # (..., m)
    out = np.zeros_like(M)  # (rows, m) BUG: M's dtype, int for int scores
    for i in range(M.shape[0]):  # BUG: for a 1-D M this walks the m entries, not rows
        row = M[i]  # (m,) for 2-D M, a single number for 1-D M
        shifted = row - np.max(row)  # shift by the row max: exp never overflows
        exps = np.exp(shifted)
        out[i] = exps / np.sum(exps)
    return out


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
