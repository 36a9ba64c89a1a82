# expect: lose complexity
# Gotcha: the row's normaliser sum(exp(...)) is redone for every class: O(B * C^2), right values.
"""Softmax and cross-entropy with loops that redo the normaliser. B examples, C classes."""

import math

import numpy as np


def softmax_rows(logits):  # logits: (B, C)
    B, C = logits.shape
    probs = np.zeros((B, C))  # (B, C)
    for i in range(B):
        row = [float(v) for v in logits[i]]  # C floats
        m = max(row)  # shift-invariant: the biggest exponent is e^0
        for j in range(C):
            total = sum(math.exp(v - m) for v in row)  # BUG: same sum, redone per j
            probs[i, j] = math.exp(row[j] - m) / total
    return probs


def cross_entropy(logits, labels):  # logits: (B, C), labels: (B,) ints
    B = logits.shape[0]
    probs = softmax_rows(logits)  # (B, C)
    loss = 0.0
    for i in range(B):
        row = [float(v) for v in logits[i]]  # C floats
        m = max(row)
        log_sum_exp = m + math.log(sum(math.exp(v - m) for v in row))
        loss += log_sum_exp - row[int(labels[i])]  # -log p_label
    grad = probs.copy()  # (B, C)
    for i in range(B):
        grad[i, int(labels[i])] -= 1.0  # p - onehot
    return loss / B, grad / B
