# expect: lose shapes, gradient, stability
# Gotcha: the NumPy step's bias gradient is summed with keepdims=True: b_new comes back (1, C),
# not (C,) (its values are right; the b-gradient and update-stability tests check the shape too).
"""The training loop, a NumPy SGD step and gradient accumulation.

N examples, D features, C classes, M examples per batch.
"""

import numpy as np
import torch


def train(model, loader, epochs, lr=1e-3):
    opt = torch.optim.AdamW(model.parameters(), lr=lr)
    loss_fn = torch.nn.CrossEntropyLoss()
    for _ in range(epochs):
        for xb, yb in loader:
            opt.zero_grad()
            logits = model(xb)  # (M, C)
            loss = loss_fn(logits, yb)
            loss.backward()
            opt.step()


def numpy_sgd_step(X, y, W, b, lr):
    N = X.shape[0]
    rows = np.arange(N)
    logits = X @ W + b  # (N, C)
    shifted = logits - logits.max(axis=1, keepdims=True)  # (N, C)
    log_probs = shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))  # (N, C)
    loss = -log_probs[rows, y].mean()
    dz = np.exp(log_probs)  # (N, C)
    dz[rows, y] -= 1.0
    dz /= N
    grad_b = dz.sum(axis=0, keepdims=True)  # (1, C) BUG: keepdims, so b_new broadcasts to (1, C)
    return W - lr * (X.T @ dz), b - lr * grad_b, float(loss)


def train_accumulated(model, loader, accum_steps, lr):
    opt = torch.optim.SGD(model.parameters(), lr=lr)
    loss_fn = torch.nn.CrossEntropyLoss()
    opt.zero_grad()
    for i, (xb, yb) in enumerate(loader):
        loss = loss_fn(model(xb), yb) / accum_steps
        loss.backward()
        if (i + 1) % accum_steps == 0:
            opt.step()
            opt.zero_grad()
