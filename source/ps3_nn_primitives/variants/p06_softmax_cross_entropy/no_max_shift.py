# expect: lose stability
# Gotcha: no max-shift before exp: exp(1e4) overflows to inf and the ±1e4 rows come out nan.
"""Softmax and cross-entropy without the max-shift. B examples (rows), C classes."""

import numpy as np


def softmax_rows(logits):  # logits: (B, C)
    exp = np.exp(logits)  # (B, C) -- BUG: no shift, inf once a logit passes ~709
    return exp / exp.sum(axis=1, keepdims=True)  # (B, C)


def cross_entropy(logits, labels):  # logits: (B, C), labels: (B,) ints
    B = logits.shape[0]
    rows = np.arange(B)  # (B,)
    log_norm = np.log(np.exp(logits).sum(axis=1))  # (B,) -- BUG: same, no shift
    loss = np.mean(log_norm - logits[rows, labels])  # mean of -log p_label
    grad = softmax_rows(logits)  # (B, C)
    grad[rows, labels] -= 1.0  # p - onehot
    return loss, grad / B
