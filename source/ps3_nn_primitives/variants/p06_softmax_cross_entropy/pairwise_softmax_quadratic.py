# expect: lose complexity
# Gotcha: p_j = 1 / sum_k exp(z_k - z_j), vectorised over a (B, C, C) array: right values and no
# Python loop to count, but O(B * C^2) work; only timing (CPU seconds in the worker) sees it.
"""Softmax from pairwise differences, vectorised. B examples (rows), C classes (columns)."""

import numpy as np


def softmax_rows(logits):  # logits: (B, C)
    z = np.asarray(logits, dtype=np.float64)  # (B, C)
    # p_j = e^z_j / sum_k e^z_k = 1 / sum_k e^(z_k - z_j); the j = k term is 1, so no 0 / 0
    with np.errstate(over="ignore"):  # e^(z_k - z_j) = inf only where p_j is 0 anyway
        pairwise = np.exp(z[:, None, :] - z[:, :, None])  # BUG: (B, C, C) for a (B, C) answer
    return 1.0 / pairwise.sum(axis=2)  # (B, C)


def cross_entropy(logits, labels):  # logits: (B, C), labels: (B,) ints
    z = np.asarray(logits, dtype=np.float64)  # (B, C)
    B = z.shape[0]
    rows = np.arange(B)  # (B,)
    shifted = z - z.max(axis=1, keepdims=True)  # (B, C)
    log_norm = np.log(np.exp(shifted).sum(axis=1))  # (B,) logsumexp of the shifted row
    loss = np.mean(log_norm - shifted[rows, labels])  # mean of -log p_label
    grad = softmax_rows(z)  # (B, C)
    grad[rows, labels] -= 1.0  # p - onehot(labels)
    return loss, grad / B
