# expect: full
# Correct: plain Python loops over queries and keys, np.dot over d, math.exp with a max-shift.
"""Scaled dot-product attention with loops. n queries, m keys, d query/key dim, d_v value dim."""

import math

import numpy as np


def softmax_rows(M):  # M: (..., m)
    M = np.asarray(M, dtype=np.float64)
    flat = M.reshape(-1, M.shape[-1])  # (rows, m), every leading axis folded into one
    out = np.zeros(flat.shape)  # (rows, m)
    for r in range(flat.shape[0]):
        row = [float(x) for x in flat[r]]
        top = max(row)  # shift by the max: exp never overflows, the sum is >= 1
        exps = [math.exp(x - top) for x in row]
        total = sum(exps)
        for j in range(len(row)):
            out[r, j] = exps[j] / total
    return out.reshape(M.shape)  # (..., m)


def attention(Q, K, V, mask=None):  # Q: (n, d), K: (m, d), V: (m, d_v), mask: (n, m) bool
    n, d = Q.shape
    m, d_v = V.shape
    out = np.zeros((n, d_v))  # (n, d_v)
    for i in range(n):
        scores = []
        for j in range(m):
            if mask is None or mask[i, j]:
                scores.append(float(np.dot(Q[i], K[j])) / math.sqrt(d))
            else:
                scores.append(-1e9)  # blocked: exp(-1e9 - top) is exactly 0
        top = max(scores)
        exps = [math.exp(s - top) for s in scores]
        total = sum(exps)
        for j in range(m):
            out[i] += (exps[j] / total) * V[j]  # (d_v,)
    return out


def causal_mask(n):
    mask = np.zeros((n, n), dtype=bool)  # (n, n)
    for i in range(n):
        for j in range(i + 1):  # keys 0..i, the diagonal included
            mask[i, j] = True
    return mask
