# expect: full
# Correct: vectorised NumPy, max-shift per row, loss from the shifted logits (log-sum-exp).
"""Softmax and cross-entropy, vectorised. B examples (rows), C classes (columns)."""

import numpy as np


def softmax_rows(logits):  # logits: (B, C)
    # softmax is shift-invariant: subtract each row's max so the biggest exp is e^0 = 1
    shifted = logits - logits.max(axis=1, keepdims=True)  # (B, C)
    exp = np.exp(shifted)  # (B, C)
    return exp / exp.sum(axis=1, keepdims=True)  # (B, C), each row sums to 1


def cross_entropy(logits, labels):  # logits: (B, C), labels: (B,) ints
    B = logits.shape[0]
    rows = np.arange(B)  # (B,)
    shifted = logits - logits.max(axis=1, keepdims=True)  # (B, C)
    log_norm = np.log(np.exp(shifted).sum(axis=1))  # (B,) logsumexp of the shifted row
    loss = np.mean(log_norm - shifted[rows, labels])  # mean of -log p_label
    grad = softmax_rows(logits)  # (B, C), a fresh array
    grad[rows, labels] -= 1.0  # p - onehot(labels)
    return loss, grad / B  # the / B because the loss is a mean
