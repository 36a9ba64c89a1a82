# expect: full
# Correct: plain Python loops over examples and features with math.exp, a sign-split sigmoid,
# a softplus loss; train returns a list.
"""Logistic regression, one step, with plain loops. n examples (rows of X), d features."""

import math

import numpy as np


def _sigmoid_one(t):  # one float -> one float
    if t >= 0:
        return 1.0 / (1.0 + math.exp(-t))  # e^-t <= 1: no overflow
    e = math.exp(t)  # t < 0: e^t < 1, no overflow
    return e / (1.0 + e)


def _softplus_one(t):  # log(1 + e^t) for one float, exponent never positive
    return max(t, 0.0) + math.log1p(math.exp(-abs(t)))


def sigmoid(z):  # z: (n,)
    p = np.zeros(len(z))  # (n,)
    for i in range(len(z)):
        p[i] = _sigmoid_one(float(z[i]))
    return p


def lr_step(X, y, w, b, lr=0.1, l2=0.0):  # X: (n, d), y: (n,), w: (d,)
    n, d = X.shape
    grad_w = [0.0] * d  # d running sums
    grad_b = 0.0
    total = 0.0
    for i in range(n):
        z = b
        for j in range(d):
            z += float(X[i, j]) * float(w[j])
        yi = float(y[i])
        # -log p = softplus(-z), -log(1 - p) = softplus(z): no log of a probability
        total += yi * _softplus_one(-z) + (1.0 - yi) * _softplus_one(z)
        err = _sigmoid_one(z) - yi  # dloss_i / dz_i = p - y
        for j in range(d):
            grad_w[j] += err * float(X[i, j])
        grad_b += err
    norm2 = sum(float(v) * float(v) for v in w)
    loss = total / n + 0.5 * l2 * norm2  # at the input w; no L2 on b
    w_new = np.zeros(d)  # (d,)
    for j in range(d):
        w_new[j] = w[j] - lr * (grad_w[j] / n + l2 * w[j])  # the loss is a mean: / n
    b_new = b - lr * grad_b / n
    return w_new, b_new, loss


def train(X, y, lr=0.1, steps=100, l2=0.0):
    w = np.zeros(X.shape[1])  # (d,)
    b = 0.0
    losses = []
    for _ in range(steps):
        w, b, loss = lr_step(X, y, w, b, lr, l2)
        losses.append(loss)
    return w, b, losses  # a list of floats is fine
