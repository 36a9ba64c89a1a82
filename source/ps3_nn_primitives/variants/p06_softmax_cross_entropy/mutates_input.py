# expect: lose correctness
# Gotcha: the max-shift is done in place (logits -= ...), changing the caller's array.
"""Softmax and cross-entropy that modify their input. B examples (rows), C classes."""

import numpy as np


def softmax_rows(logits):  # logits: (B, C)
    logits -= logits.max(axis=1, keepdims=True)  # BUG: overwrites the caller's array
    exp = np.exp(logits)  # (B, C)
    return exp / exp.sum(axis=1, keepdims=True)  # (B, C)


def cross_entropy(logits, labels):  # logits: (B, C), labels: (B,) ints
    B = logits.shape[0]
    rows = np.arange(B)  # (B,)
    probs = softmax_rows(logits)  # (B, C); logits is now shifted too (values still right)
    log_norm = np.log(np.exp(logits).sum(axis=1))  # (B,), rows already have max 0
    loss = np.mean(log_norm - logits[rows, labels])  # mean of -log p_label
    grad = probs.copy()  # (B, C)
    grad[rows, labels] -= 1.0  # p - onehot
    return loss, grad / B
