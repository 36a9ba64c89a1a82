# expect: lose shapes
# Gotcha: plain loops fill np.zeros_like(logits): for integer logits the buffers are int, so every probability and gradient entry is truncated.
"""Softmax and cross-entropy with buffers shaped like the input. B examples, C classes."""

import math

import numpy as np


def softmax_rows(logits):  # logits: (B, C)
    B, C = logits.shape
    probs = np.zeros_like(logits)  # (B, C) BUG: takes logits' dtype, int for int logits
    for i in range(B):
        row = [float(v) for v in logits[i]]  # C floats
        m = max(row)  # softmax is shift-invariant: the biggest exponent is e^0 = 1
        exps = [math.exp(v - m) for v in row]
        total = sum(exps)
        for j in range(C):
            probs[i, j] = exps[j] / total  # truncated to 0 (or 1) in an int array
    return probs


def cross_entropy(logits, labels):  # logits: (B, C), labels: (B,) ints
    B, C = logits.shape
    probs = softmax_rows(logits)  # (B, C)
    loss = 0.0
    grad = np.zeros_like(logits)  # (B, C) BUG: same, int for int logits
    for i in range(B):
        row = [float(v) for v in logits[i]]  # C floats
        m = max(row)
        log_sum_exp = m + math.log(sum(math.exp(v - m) for v in row))  # right in floats
        y = int(labels[i])
        loss += log_sum_exp - row[y]  # -log p_y
        for j in range(C):
            grad[i, j] = (probs[i, j] - (1.0 if j == y else 0.0)) / B  # p - onehot, / B
    return loss / B, grad
