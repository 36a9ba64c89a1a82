# expect: lose correctness, gradient
# Gotcha: log_probs[:, labels] is a (B, B) block, not one entry per row [np.arange(B), labels].
"""Softmax and cross-entropy with the wrong label indexing. B examples, C classes."""

import numpy as np


def softmax_rows(logits):  # logits: (B, C)
    shifted = logits - logits.max(axis=1, keepdims=True)  # (B, C), shift-invariant
    exp = np.exp(shifted)  # (B, C)
    return exp / exp.sum(axis=1, keepdims=True)  # (B, C)


def cross_entropy(logits, labels):  # logits: (B, C), labels: (B,) ints
    B = logits.shape[0]
    shifted = logits - logits.max(axis=1, keepdims=True)  # (B, C)
    log_norm = np.log(np.exp(shifted).sum(axis=1, keepdims=True))  # (B, 1)
    log_probs = shifted - log_norm  # (B, C)
    loss = -np.mean(log_probs[:, labels])  # BUG: (B, B), every row at every label
    grad = softmax_rows(logits)  # (B, C)
    grad[:, labels] -= 1.0  # BUG: same indexing, subtracts in every row
    return loss, grad / B
