# expect: lose correctness, stability, gradient
# Gotcha: the squared-error gradient (p - y) p (1 - p) instead of BCE's p - y: it vanishes on
# confident mistakes. Also loses correctness (default step, train) and the step at z = +-1e4.
"""Logistic regression on the squared-error gradient. n examples (rows of X), d features."""

import numpy as np


def sigmoid(z):  # z: (n,)
    e = np.exp(-np.abs(z))  # (n,) the exponent is never positive
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))  # (n,)


def lr_step(X, y, w, b, lr=0.1, l2=0.0):  # X: (n, d), y: (n,), w: (d,)
    n = X.shape[0]
    z = X @ w + b  # (n,)
    loss = np.mean(np.logaddexp(0.0, z) - y * z) + 0.5 * l2 * (w @ w)
    p = sigmoid(z)  # (n,)
    err = (p - y) * p * (1.0 - p)  # (n,) BUG: d/dz of (p - y)^2 / 2, not of the BCE
    return w - lr * (X.T @ err / n + l2 * w), b - lr * err.mean(), loss


def train(X, y, lr=0.1, steps=100, l2=0.0):
    w, b, losses = np.zeros(X.shape[1]), 0.0, []
    for _ in range(steps):
        w, b, loss = lr_step(X, y, w, b, lr=lr, l2=l2)
        losses.append(loss)
    return w, b, losses
