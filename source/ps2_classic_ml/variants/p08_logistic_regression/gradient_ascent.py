# expect: lose correctness, stability, gradient
# Gotcha: w + lr * grad: the step climbs the loss (repeated steps and train see it rise).
# Also loses the exact step at z = +-1e4 (stability): the step there has the wrong sign.
"""Logistic regression stepping uphill. n examples (rows of X), d features."""

import numpy as np


def sigmoid(z):  # z: (n,)
    e = np.exp(-np.abs(z))  # (n,) the exponent is never positive
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))  # (n,)


def lr_step(X, y, w, b, lr=0.1, l2=0.0):  # X: (n, d), y: (n,), w: (d,)
    n = X.shape[0]
    z = X @ w + b  # (n,)
    loss = np.mean(np.logaddexp(0.0, z) - y * z) + 0.5 * l2 * (w @ w)
    err = sigmoid(z) - y  # (n,)
    grad_w = X.T @ err / n + l2 * w  # (d,)
    return w + lr * grad_w, b + lr * err.mean(), loss  # BUG: + instead of -


def train(X, y, lr=0.1, steps=100, l2=0.0):
    w, b, losses = np.zeros(X.shape[1]), 0.0, []
    for _ in range(steps):
        w, b, loss = lr_step(X, y, w, b, lr=lr, l2=l2)
        losses.append(loss)
    return w, b, losses
