# expect: full
# Correct: backward -> step -> zero_grad at the end of each batch (grads are None on entry), plain loops in NumPy.
"""The training loop, a NumPy SGD step and gradient accumulation, written with plain loops.

N examples, D features, C classes, M examples per batch.
"""

import math

import numpy as np
import torch
import torch.nn.functional as F


def train(model, loader, epochs, lr=1e-3):
    optimizer = torch.optim.AdamW(model.parameters(), lr=lr)
    for _epoch in range(epochs):
        for batch in loader:
            xb, yb = batch
            loss = F.cross_entropy(model(xb), yb)
            loss.backward()
            optimizer.step()
            model.zero_grad()  # ready for the next batch's backward
    return model


def numpy_sgd_step(X, y, W, b, lr):
    N, D = X.shape
    C = W.shape[1]
    grad_W = [[0.0] * C for _ in range(D)]
    grad_b = [0.0] * C
    total = 0.0
    for n in range(N):
        z = [sum(X[n, d] * W[d, c] for d in range(D)) + b[c] for c in range(C)]
        top = max(z)
        norm = sum(math.exp(v - top) for v in z)
        log_norm = top + math.log(norm)
        total += log_norm - z[y[n]]
        for c in range(C):
            delta = math.exp(z[c] - log_norm) - (1.0 if c == y[n] else 0.0)
            grad_b[c] += delta / N
            for d in range(D):
                grad_W[d][c] += X[n, d] * delta / N
    W_new = np.array([[W[d, c] - lr * grad_W[d][c] for c in range(C)] for d in range(D)])
    b_new = np.array([b[c] - lr * grad_b[c] for c in range(C)])
    return W_new, b_new, total / N


def train_accumulated(model, loader, accum_steps, lr):
    optimizer = torch.optim.SGD(model.parameters(), lr=lr)
    seen = 0
    for xb, yb in loader:
        (F.cross_entropy(model(xb), yb) / accum_steps).backward()
        seen += 1
        if seen == accum_steps:
            optimizer.step()
            optimizer.zero_grad()
            seen = 0
