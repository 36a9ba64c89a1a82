# expect: lose stability
# Gotcha: sigmoid as e^z / (1 + e^z) and the loss as log(p): at z = +-1e4 exp overflows,
# p is nan and log(0) = -inf.
"""Logistic regression without any overflow care. n examples (rows of X), d features."""

import numpy as np


def sigmoid(z):  # z: (n,)
    e = np.exp(z)  # BUG: inf at z = 1e4, so inf / inf = nan
    return e / (1.0 + e)


def lr_step(X, y, w, b, lr=0.1, l2=0.0):  # X: (n, d), y: (n,), w: (d,)
    n = X.shape[0]
    p = sigmoid(X @ w + b)  # (n,)
    # BUG: log of probabilities that are exactly 0 or 1 at extreme z
    loss = -np.mean(y * np.log(p) + (1 - y) * np.log(1 - p)) + 0.5 * l2 * (w @ w)
    err = p - y  # (n,)
    return w - lr * (X.T @ err / n + l2 * w), b - lr * err.mean(), loss


def train(X, y, lr=0.1, steps=100, l2=0.0):
    w, b, losses = np.zeros(X.shape[1]), 0.0, []
    for _ in range(steps):
        w, b, loss = lr_step(X, y, w, b, lr=lr, l2=l2)
        losses.append(loss)
    return w, b, losses
