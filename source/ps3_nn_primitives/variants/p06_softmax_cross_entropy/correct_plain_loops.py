# expect: full
# Correct: plain Python double loops with math.exp, a max-shift per row, log-sum-exp loss.
"""Softmax and cross-entropy with plain loops. B examples (rows), C classes (columns)."""

import math

import numpy as np


def softmax_rows(logits):  # logits: (B, C)
    B, C = logits.shape
    probs = np.zeros((B, C))  # (B, C)
    for i in range(B):
        row = [float(v) for v in logits[i]]  # C floats
        # softmax is shift-invariant: subtract the row max so the biggest exp is e^0 = 1
        m = max(row)
        exps = [math.exp(v - m) for v in row]  # C values in (0, 1]
        total = sum(exps)  # >= 1, so no division by zero
        for j in range(C):
            probs[i, j] = exps[j] / total
    return probs


def cross_entropy(logits, labels):  # logits: (B, C), labels: (B,) ints
    B, C = logits.shape
    probs = softmax_rows(logits)  # (B, C)
    loss = 0.0
    grad = np.zeros((B, C))  # (B, C)
    for i in range(B):
        row = [float(v) for v in logits[i]]  # C floats
        m = max(row)
        # log of the normaliser, shifted: -log p_y without ever taking log(p)
        log_sum_exp = m + math.log(sum(math.exp(v - m) for v in row))
        y = int(labels[i])
        loss += log_sum_exp - row[y]  # -log p_y
        for j in range(C):
            grad[i, j] = probs[i, j] - (1.0 if j == y else 0.0)  # p - onehot
    # the loss is a mean over the batch, so its gradient carries the same / B
    return loss / B, grad / B
