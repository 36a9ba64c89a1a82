# expect: full
# Correct: per query, softmax over the allowed keys only (boolean indexing); empty row -> uniform.
"""Attention that gathers each query's allowed keys. n queries, m keys, d, d_v dims."""

import numpy as np


def softmax_rows(M):  # M: (..., m)
    M = np.asarray(M, dtype=np.float64)
    # log-softmax first (shift-invariant, so subtract the max), then exponentiate
    shifted = M - np.max(M, axis=-1, keepdims=True)  # (..., m)
    log_norm = np.log(np.sum(np.exp(shifted), axis=-1, keepdims=True))  # (..., 1)
    return np.exp(shifted - log_norm)  # (..., m)


def attention(Q, K, V, mask=None):  # Q: (n, d), K: (m, d), V: (m, d_v), mask: (n, m) bool
    n, d = Q.shape
    m = K.shape[0]
    if mask is None:
        mask = np.ones((n, m), dtype=bool)  # (n, m)
    rows = []
    for i in range(n):
        keys = np.flatnonzero(mask[i])  # allowed key indices
        if len(keys) == 0:
            rows.append(V.mean(axis=0))  # nothing to attend to: uniform weights, by convention
            continue
        scores = K[keys] @ Q[i] / np.sqrt(d)  # (allowed,)
        rows.append(softmax_rows(scores) @ V[keys])  # (d_v,)
    return np.stack(rows)  # (n, d_v)


def causal_mask(n):
    i = np.arange(n)
    return i[:, None] >= i[None, :]  # (n, n) key j visible to query i when j <= i
