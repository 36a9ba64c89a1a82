# expect: lose correctness
# Gotcha: w is updated in place BEFORE the loss, so (l2 / 2) ||w||^2 uses the new w; the loss
# must be J at the input w (the in-place update itself is allowed).
"""Logistic regression whose L2 term sees the updated w. n examples (rows of X), d features."""

import numpy as np


def sigmoid(z):  # z: (n,)
    e = np.exp(-np.abs(z))  # (n,) the exponent is never positive
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))  # (n,)


def lr_step(X, y, w, b, lr=0.1, l2=0.0):  # X: (n, d), y: (n,), w: (d,)
    n = X.shape[0]
    z = X @ w + b  # (n,)
    err = sigmoid(z) - y  # (n,)
    w -= lr * (X.T @ err / n + l2 * w)  # in place: fine by itself...
    b -= lr * err.mean()
    bce = np.mean(np.logaddexp(0.0, z) - y * z)
    return w, b, bce + 0.5 * l2 * (w @ w)  # BUG: ...but this w is already the new one


def train(X, y, lr=0.1, steps=100, l2=0.0):
    w, b, losses = np.zeros(X.shape[1]), 0.0, []
    for _ in range(steps):
        w, b, loss = lr_step(X, y, w, b, lr=lr, l2=l2)
        losses.append(loss)
    return w, b, losses
