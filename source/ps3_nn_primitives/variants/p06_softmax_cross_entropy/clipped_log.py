# expect: lose stability
# Gotcha: loss = -log(p + 1e-12) caps at 27.63 once p underflows; log-sum-exp gives 2e4.
"""Softmax and cross-entropy with a clipped log. B examples (rows), C classes."""

import numpy as np


def softmax_rows(logits):  # logits: (B, C)
    shifted = logits - logits.max(axis=1, keepdims=True)  # (B, C), shift-invariant
    exp = np.exp(shifted)  # (B, C)
    return exp / exp.sum(axis=1, keepdims=True)  # (B, C)


def cross_entropy(logits, labels):  # logits: (B, C), labels: (B,) ints
    B = logits.shape[0]
    rows = np.arange(B)  # (B,)
    probs = softmax_rows(logits)  # (B, C)
    # BUG: the + 1e-12 keeps log finite but caps -log p at -log(1e-12) = 27.63
    loss = -np.mean(np.log(probs[rows, labels] + 1e-12))
    grad = probs.copy()  # (B, C)
    grad[rows, labels] -= 1.0  # p - onehot
    return loss, grad / B
