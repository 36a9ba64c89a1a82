# expect: lose correctness
# Gotcha: sigmoid clips with np.clip(z, -500, 500, out=z): the values are right, but the caller's
# z is overwritten (the statement promises a new array; z is only read).
"""Logistic regression whose sigmoid writes into its input. n examples (rows of X), d features."""

import numpy as np


def sigmoid(z):  # z: (n,)
    np.clip(z, -500.0, 500.0, out=z)  # BUG: clips the caller's array in place
    return 1.0 / (1.0 + np.exp(-z))  # (n,) a new array, but z has changed


def lr_step(X, y, w, b, lr=0.1, l2=0.0):  # X: (n, d), y: (n,), w: (d,)
    n = X.shape[0]
    z = X @ w + b  # (n,)
    loss = np.mean(np.logaddexp(0.0, z) - y * z) + 0.5 * l2 * (w @ w)  # before sigmoid clips z
    err = sigmoid(z) - y  # (n,)
    return w - lr * (X.T @ err / n + l2 * w), b - lr * err.mean(), loss


def train(X, y, lr=0.1, steps=100, l2=0.0):
    w, b, losses = np.zeros(X.shape[1]), 0.0, []
    for _ in range(steps):
        w, b, loss = lr_step(X, y, w, b, lr=lr, l2=l2)
        losses.append(loss)
    return w, b, losses
