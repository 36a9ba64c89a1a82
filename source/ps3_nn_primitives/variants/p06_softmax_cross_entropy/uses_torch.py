# expect: lose shapes, correctness, stability, gradient, complexity
# Gotcha: uses torch, which grading.yml forbids (the engine zeroes the problem); in-process, the torch.Tensor from softmax_rows also fails shapes and stability.
"""Softmax and cross-entropy through torch. B examples (rows), C classes (columns)."""

import torch
import torch.nn.functional as F


def softmax_rows(logits):  # logits: (B, C)
    return torch.softmax(torch.from_numpy(logits), dim=1)  # (B, C), a Tensor


def cross_entropy(logits, labels):  # logits: (B, C), labels: (B,) ints
    z = torch.tensor(logits, dtype=torch.float64, requires_grad=True)  # (B, C)
    loss = F.cross_entropy(z, torch.as_tensor(labels))  # mean over the batch
    loss.backward()  # fills z.grad: (B, C)
    return loss.item(), z.grad.numpy()
