# expect: lose correctness, gradient
# Gotcha: z = X @ w without + b: the bias is updated every step but never enters the logits,
# so the loss and p - y are those of a model without a bias.
"""Logistic regression whose logits forget the bias. n examples (rows of X), d features."""

import numpy as np


def sigmoid(z):  # z: (n,)
    e = np.exp(-np.abs(z))  # (n,) the exponent is never positive
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))  # (n,)


def lr_step(X, y, w, b, lr=0.1, l2=0.0):  # X: (n, d), y: (n,), w: (d,)
    n = X.shape[0]
    z = X @ w  # (n,) BUG: + b is missing
    loss = np.mean(np.logaddexp(0.0, z) - y * z) + 0.5 * l2 * (w @ w)
    err = sigmoid(z) - y  # (n,)
    return w - lr * (X.T @ err / n + l2 * w), b - lr * err.mean(), loss


def train(X, y, lr=0.1, steps=100, l2=0.0):
    w, b, losses = np.zeros(X.shape[1]), 0.0, []
    for _ in range(steps):
        w, b, loss = lr_step(X, y, w, b, lr=lr, l2=l2)
        losses.append(loss)
    return w, b, losses
