# expect: full
# Correct: zero_grad(set_to_none=False), AdamW(foreach=True), loss from log_softmax + one-hot, model.train().
"""The training loop, a NumPy SGD step and gradient accumulation, another honest style.

N examples, D features, C classes, M examples per batch.
"""

import numpy as np
import torch


def train(model, loader, epochs, lr=1e-3):
    model.train()
    opt = torch.optim.AdamW(model.parameters(), lr=lr, betas=(0.9, 0.999), foreach=True)
    criterion = torch.nn.CrossEntropyLoss(reduction="mean")
    for _epoch in range(1, epochs + 1):
        for xb, yb in loader:
            opt.zero_grad(set_to_none=False)
            out = model(xb)  # (M, C)
            loss = criterion(out, yb)
            loss.backward()
            opt.step()


def numpy_sgd_step(X, y, W, b, lr):
    N, C = X.shape[0], W.shape[1]
    onehot = np.eye(C)[y]  # (N, C)
    z = X @ W + b  # (N, C)
    lse = z.max(axis=1) + np.log(np.exp(z - z.max(axis=1, keepdims=True)).sum(axis=1))  # (N,)
    loss = np.mean(lse - (z * onehot).sum(axis=1))
    p = np.exp(z - lse[:, None])  # (N, C)
    grad_z = (p - onehot) / N  # (N, C)
    return W - lr * X.T @ grad_z, b - lr * grad_z.sum(axis=0), loss


def train_accumulated(model, loader, accum_steps, lr):
    opt = torch.optim.SGD(model.parameters(), lr=lr, momentum=0.0)
    batches = list(loader)
    for start in range(0, len(batches), accum_steps):
        opt.zero_grad()
        for xb, yb in batches[start : start + accum_steps]:
            loss = torch.nn.functional.cross_entropy(model(xb), yb)
            (loss / accum_steps).backward()
        opt.step()
