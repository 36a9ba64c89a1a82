# expect: lose gradient
# Gotcha: the loss is a mean over the batch, but the gradient p - onehot lacks the / B.
"""Softmax and cross-entropy with a gradient B times too large. B examples, C classes."""

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
    loss = np.mean(log_norm - shifted[rows, labels])  # mean of -log p_label
    grad = softmax_rows(logits)  # (B, C)
    grad[rows, labels] -= 1.0  # p - onehot
    return loss, grad  # BUG: missing / B
