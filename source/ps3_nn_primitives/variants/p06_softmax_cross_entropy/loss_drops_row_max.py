# expect: lose correctness, stability
# Gotcha: the loss takes log-sum-exp of the shifted row but the label's unshifted logit: the row max m is never added back.
"""Softmax and cross-entropy with a loss off by the row max. B examples, C classes."""

import numpy as np


def softmax_rows(logits):  # logits: (B, C)
    shifted = logits - logits.max(axis=1, keepdims=True)  # (B, C), shift-invariant
    exp = np.exp(shifted)  # (B, C)
    return exp / exp.sum(axis=1, keepdims=True)  # (B, C)


def cross_entropy(logits, labels):  # logits: (B, C), labels: (B,) ints
    B = logits.shape[0]
    rows = np.arange(B)  # (B,)
    m = logits.max(axis=1, keepdims=True)  # (B, 1)
    log_norm = np.log(np.exp(logits - m).sum(axis=1))  # (B,) logsumexp(z) - m
    loss = np.mean(log_norm - logits[rows, labels])  # BUG: + m missing (z_y is unshifted)
    grad = softmax_rows(logits)  # (B, C)
    grad[rows, labels] -= 1.0  # p - onehot
    return loss, grad / B
