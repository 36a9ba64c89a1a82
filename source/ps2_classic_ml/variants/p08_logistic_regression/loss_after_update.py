# expect: lose correctness, stability
# Gotcha: returns the loss at w_new, b_new instead of at the input w, b (where the gradient
# was taken). Also loses the exact loss at z = +-1e4 (stability): 4999.94, not 5000.
"""Logistic regression reporting the loss after its update. n examples (rows of X), d features."""

import numpy as np


def sigmoid(z):  # z: (n,)
    e = np.exp(-np.abs(z))  # (n,) the exponent is never positive
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))  # (n,)


def _objective(X, y, w, b, l2):
    z = X @ w + b  # (n,)
    return np.mean(np.logaddexp(0.0, z) - y * z) + 0.5 * l2 * (w @ w)


def lr_step(X, y, w, b, lr=0.1, l2=0.0):  # X: (n, d), y: (n,), w: (d,)
    n = X.shape[0]
    err = sigmoid(X @ w + b) - y  # (n,)
    w_new = w - lr * (X.T @ err / n + l2 * w)  # (d,)
    b_new = b - lr * err.mean()
    return w_new, b_new, _objective(X, y, w_new, b_new, l2)  # BUG: J at the new point


def train(X, y, lr=0.1, steps=100, l2=0.0):
    w, b, losses = np.zeros(X.shape[1]), 0.0, []
    for _ in range(steps):
        w, b, loss = lr_step(X, y, w, b, lr=lr, l2=l2)
        losses.append(loss)
    return w, b, losses
