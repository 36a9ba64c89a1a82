# expect: lose correctness, stability, gradient
# Gotcha: softmax over axis 0 (columns sum to 1, across the batch); all values built on it are wrong.
"""Softmax and cross-entropy normalised over the wrong axis. B examples, C classes."""

import numpy as np


def softmax_rows(logits):  # logits: (B, C)
    # BUG: axis=0 is the batch axis, not the classes
    shifted = logits - logits.max(axis=0, keepdims=True)  # (B, C)
    exp = np.exp(shifted)  # (B, C)
    return exp / exp.sum(axis=0, keepdims=True)  # (B, C), columns sum to 1, not rows


def cross_entropy(logits, labels):  # logits: (B, C), labels: (B,) ints
    B = logits.shape[0]
    rows = np.arange(B)  # (B,)
    probs = softmax_rows(logits)  # (B, C)
    loss = -np.mean(np.log(probs[rows, labels]))  # mean of -log p_label
    grad = probs.copy()  # (B, C)
    grad[rows, labels] -= 1.0  # p - onehot
    return loss, grad / B
