# expect: lose stability
# Gotcha: z clipped to +-500 and -log(p + 1e-12): finite but capped (27.63 per example);
# at z = -1e4, y = 1 the exact loss is 1e4. The clip inside the sigmoid alone is harmless.
"""Logistic regression with a clipped log in the loss. n examples (rows of X), d features."""

import numpy as np


def sigmoid(z):  # z: (n,)
    return 1.0 / (1.0 + np.exp(-np.clip(z, -500.0, 500.0)))  # (n,)


def lr_step(X, y, w, b, lr=0.1, l2=0.0):  # X: (n, d), y: (n,), w: (d,)
    n = X.shape[0]
    p = sigmoid(X @ w + b)  # (n,)
    eps = 1e-12  # BUG: caps -log(p + eps) at -log(eps) = 27.63
    bce = -np.mean(y * np.log(p + eps) + (1 - y) * np.log(1 - p + eps))
    err = p - y  # (n,)
    return w - lr * (X.T @ err / n + l2 * w), b - lr * err.mean(), bce + 0.5 * l2 * (w @ w)


def train(X, y, lr=0.1, steps=100, l2=0.0):
    w, b, losses = np.zeros(X.shape[1]), 0.0, []
    for _ in range(steps):
        w, b, loss = lr_step(X, y, w, b, lr=lr, l2=l2)
        losses.append(loss)
    return w, b, losses
