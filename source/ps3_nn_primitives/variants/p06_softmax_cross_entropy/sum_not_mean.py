# expect: lose correctness
# Gotcha: the loss is summed over the batch instead of averaged (B times too large).
"""Softmax and cross-entropy with a summed loss. B examples (rows), C classes."""

import numpy as np


def softmax_rows(logits):  # logits: (B, C)
    shifted = logits - logits.max(axis=1, keepdims=True)  # (B, C), shift-invariant
    exp = np.exp(shifted)  # (B, C)
    return exp / exp.sum(axis=1, keepdims=True)  # (B, C)


def cross_entropy(logits, labels):  # logits: (B, C), labels: (B,) ints
    B = logits.shape[0]
    rows = np.arange(B)  # (B,)
    shifted = logits - logits.max(axis=1, keepdims=True)  # (B, C)
    log_norm = np.log(np.exp(shifted).sum(axis=1))  # (B,)
    loss = np.sum(log_norm - shifted[rows, labels])  # BUG: sum, not mean
    grad = softmax_rows(logits)  # (B, C)
    grad[rows, labels] -= 1.0  # p - onehot
    return loss, grad / B  # (the gradient of the mean, as asked)
