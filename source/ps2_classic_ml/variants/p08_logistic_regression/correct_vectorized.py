# expect: full
# Correct: vectorised NumPy, sigmoid from exp(-|z|), loss = mean(logaddexp(0, z) - y z),
# b_new returned as a 0-d array.
"""Logistic regression, one step, vectorised. n examples (rows of X), d features."""

import numpy as np


def sigmoid(z):  # z: (n,)
    e = np.exp(-np.abs(z))  # (n,) in (0, 1]: the exponent is never positive
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))  # (n,)


def lr_step(X, y, w, b, lr=0.1, l2=0.0):  # X: (n, d), y: (n,), w: (d,)
    n = X.shape[0]
    z = X @ w + b  # (n,)
    # BCE_i = softplus(z_i) - y_i z_i, and np.logaddexp(0, z) is softplus without overflow
    loss = np.mean(np.logaddexp(0.0, z) - y * z) + 0.5 * l2 * np.dot(w, w)
    err = sigmoid(z) - y  # (n,)
    w_new = w - lr * (X.T @ err / n + l2 * w)  # (d,)
    b_new = np.asarray(b - lr * err.mean())  # a 0-d array is a scalar too
    return w_new, b_new, loss


def train(X, y, lr=0.1, steps=100, l2=0.0):
    w, b = np.zeros(X.shape[1]), 0.0
    losses = np.empty(steps)  # (steps,)
    for t in range(steps):
        w, b, losses[t] = lr_step(X, y, w, b, lr=lr, l2=l2)
    return w, b, losses
