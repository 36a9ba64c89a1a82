# expect: lose stability
# Gotcha: the shift is the max of the whole batch (logits.max(), no axis): a row far below it underflows to 0/0.
"""Softmax and cross-entropy shifted by the batch max. B examples (rows), C classes."""

import numpy as np


def softmax_rows(logits):  # logits: (B, C)
    shifted = logits - logits.max()  # (B, C) BUG: one max for the batch, not one per row
    exp = np.exp(shifted)  # (B, C) a row 745 below the batch max is all 0
    return exp / exp.sum(axis=1, keepdims=True)  # (B, C)


def cross_entropy(logits, labels):  # logits: (B, C), labels: (B,) ints
    B = logits.shape[0]
    rows = np.arange(B)  # (B,)
    shifted = logits - logits.max()  # (B, C) BUG: same batch max
    log_norm = np.log(np.exp(shifted).sum(axis=1))  # (B,) log(0) = -inf for such a row
    loss = np.mean(log_norm - shifted[rows, labels])  # mean of -log p_label
    grad = softmax_rows(logits)  # (B, C)
    grad[rows, labels] -= 1.0  # p - onehot
    return loss, grad / B
