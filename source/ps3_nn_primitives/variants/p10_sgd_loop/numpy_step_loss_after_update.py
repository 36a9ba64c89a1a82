# expect: lose stability, correctness
# Gotcha: the NumPy step returns the loss at the updated W, b instead of at the input ones.
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
    W_new, b_new = W - lr * (X.T @ dz), b - lr * dz.sum(axis=0)
    z = X @ W_new + b_new  # (N, C)
    z = z - z.max(axis=1, keepdims=True)  # (N, C)
    loss = -(z - np.log(np.exp(z).sum(axis=1, keepdims=True)))[rows, y].mean()
    return W_new, b_new, float(loss)


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
