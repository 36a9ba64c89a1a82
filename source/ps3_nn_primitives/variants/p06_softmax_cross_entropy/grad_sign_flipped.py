# expect: lose stability, gradient
# Gotcha: the gradient is written onehot - p (the "y - p" of an update rule) instead of p - onehot.
"""Softmax and cross-entropy with the gradient's sign flipped. B examples, C classes."""

import numpy as np


def softmax_rows(logits):  # logits: (B, C)
    shifted = logits - logits.max(axis=1, keepdims=True)  # (B, C), shift-invariant
    exp = np.exp(shifted)  # (B, C)
    return exp / exp.sum(axis=1, keepdims=True)  # (B, C)


def cross_entropy(logits, labels):  # logits: (B, C), labels: (B,) ints
    B, C = logits.shape
    rows = np.arange(B)  # (B,)
    shifted = logits - logits.max(axis=1, keepdims=True)  # (B, C)
    log_norm = np.log(np.exp(shifted).sum(axis=1))  # (B,)
    loss = np.mean(log_norm - shifted[rows, labels])  # mean of -log p_label
    onehot = np.zeros((B, C))  # (B, C)
    onehot[rows, labels] = 1.0
    grad = (onehot - softmax_rows(logits)) / B  # BUG: onehot - p, the negative gradient
    return loss, grad
