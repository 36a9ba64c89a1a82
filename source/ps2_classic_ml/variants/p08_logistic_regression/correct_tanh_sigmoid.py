# expect: full
# Correct: sigmoid(z) = (1 + tanh(z / 2)) / 2 (saturates, never overflows; absolute error
# ~1e-16), softplus as a two-term log-sum-exp, gradient by einsum.
"""Logistic regression, one step, through tanh. n examples (rows of X), d features."""

import numpy as np


def sigmoid(z):  # z: (n,)
    return 0.5 * (1.0 + np.tanh(0.5 * np.asarray(z, dtype=float)))  # (n,)


def softplus(t):  # log(1 + e^t) = log(e^0 + e^t): a two-term log-sum-exp
    m = np.maximum(t, 0.0)
    return m + np.log(np.exp(-m) + np.exp(t - m))


def lr_step(X, y, w, b, lr=0.1, l2=0.0):  # X: (n, d), y: (n,), w: (d,)
    n = X.shape[0]
    z = np.einsum("nd,d->n", X, w) + b  # (n,)
    bce = y * softplus(-z) + (1 - y) * softplus(z)  # (n,)
    loss = float(bce.sum() / n + 0.5 * l2 * np.sum(w**2))
    err = sigmoid(z) - y  # (n,)
    grad_w = np.einsum("nd,n->d", X, err) / n + l2 * w  # (d,)
    grad_b = float(err.sum() / n)
    return w - lr * grad_w, b - lr * grad_b, loss


def train(X, y, lr=0.1, steps=100, l2=0.0):
    w, b, losses = np.zeros(X.shape[1]), 0.0, []
    for _ in range(steps):
        w, b, loss = lr_step(X, y, w, b, lr, l2)
        losses.append(loss)
    return w, b, losses
