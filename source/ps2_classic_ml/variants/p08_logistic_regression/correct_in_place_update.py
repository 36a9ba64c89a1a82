# expect: full
# Correct: optimiser style, w -= lr * grad_w in place (allowed) AFTER the loss is taken;
# the sigmoid clips z at +-500 (moves p by < 1e-217: harmless), the loss uses log-sigmoid.
"""Logistic regression, one step, updating w in place. n examples (rows of X), d features."""

import numpy as np


def sigmoid(z):  # z: (n,)
    # clipping at +-500 keeps exp finite and moves p by less than e^-500: harmless for p
    return 1.0 / (1.0 + np.exp(-np.clip(z, -500.0, 500.0)))  # (n,)


def log_sigmoid(z):  # log sigmoid(z) = -softplus(-z), exact for every z
    return -(np.maximum(-z, 0.0) + np.log1p(np.exp(-np.abs(z))))


def lr_step(X, y, w, b, lr=0.1, l2=0.0):  # X: (n, d), y: (n,), w: (d,)
    n = len(y)
    z = X @ w + b  # (n,)
    # log(1 - sigmoid(z)) = log sigmoid(-z): the loss never touches p
    loss = -np.mean(y * log_sigmoid(z) + (1 - y) * log_sigmoid(-z)) + l2 / 2 * (w @ w)
    err = sigmoid(z) - y  # (n,)
    grad_w = X.T.dot(err) / n + l2 * w  # (d,)
    grad_b = np.sum(err) / n
    w -= lr * grad_w  # changes the caller's array: allowed, the loss is already taken
    b -= lr * grad_b
    return w, b, loss


def train(X, y, lr=0.1, steps=100, l2=0.0):
    w, b, losses = np.zeros(X.shape[1]), 0.0, []
    for _ in range(steps):
        w, b, loss = lr_step(X, y, w, b, lr=lr, l2=l2)
        losses.append(float(loss))
    return w, b, np.array(losses)
