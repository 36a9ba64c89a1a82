# expect: lose shapes, correctness, stability, gradient
# Gotcha: scipy.special.expit is a fine sigmoid, but grading.yml forbids scipy here
# (the engine zeroes the problem).
"""Logistic regression through scipy's expit. n examples (rows of X), d features."""

import numpy as np
from scipy.special import expit


def sigmoid(z):  # z: (n,)
    return expit(z)


def lr_step(X, y, w, b, lr=0.1, l2=0.0):  # X: (n, d), y: (n,), w: (d,)
    n = X.shape[0]
    z = X @ w + b  # (n,)
    loss = np.mean(np.logaddexp(0.0, z) - y * z) + 0.5 * l2 * (w @ w)
    err = sigmoid(z) - y  # (n,)
    return w - lr * (X.T @ err / n + l2 * w), b - lr * err.mean(), loss


def train(X, y, lr=0.1, steps=100, l2=0.0):
    w, b, losses = np.zeros(X.shape[1]), 0.0, []
    for _ in range(steps):
        w, b, loss = lr_step(X, y, w, b, lr=lr, l2=l2)
        losses.append(loss)
    return w, b, losses
