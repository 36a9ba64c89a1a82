# expect: lose correctness, gradient
# Gotcha: (l2 / 2) ||w||^2 is in the loss but l2 * w is missing from grad_w.
# Also loses correctness: the train oracle runs with l2 > 0.
"""Logistic regression whose gradient forgets the L2 term. n examples (rows of X), d features."""

import numpy as np


def sigmoid(z):  # z: (n,)
    e = np.exp(-np.abs(z))  # (n,) the exponent is never positive
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))  # (n,)


def lr_step(X, y, w, b, lr=0.1, l2=0.0):  # X: (n, d), y: (n,), w: (d,)
    n = X.shape[0]
    z = X @ w + b  # (n,)
    loss = np.mean(np.logaddexp(0.0, z) - y * z) + 0.5 * l2 * (w @ w)
    err = sigmoid(z) - y  # (n,)
    grad_w = X.T @ err / n  # (d,) BUG: + l2 * w is missing
    return w - lr * grad_w, b - lr * err.mean(), loss


def train(X, y, lr=0.1, steps=100, l2=0.0):
    w, b, losses = np.zeros(X.shape[1]), 0.0, []
    for _ in range(steps):
        w, b, loss = lr_step(X, y, w, b, lr=lr, l2=l2)
        losses.append(loss)
    return w, b, losses
