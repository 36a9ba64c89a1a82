# expect: lose stability
# Gotcha: the NumPy loss is -log(p + 1e-12): finite at +-1e4 but capped at 27.63 per row.
"""In-batch softmax whose NumPy loss logs a clipped probability. B pairs, d dims."""

import numpy as np
import torch
import torch.nn.functional as F


def in_batch_loss(u, v, log_q=None, temperature=0.05):  # u, v: (B, d) tensors
    scores = (u @ v.T) / temperature  # (B, B)
    if log_q is not None:
        scores = scores - log_q[None, :]  # (B, B) per item column
    labels = torch.arange(u.shape[0])  # (B,)
    return F.cross_entropy(scores, labels)


def in_batch_loss_np(u, v, log_q=None, temperature=0.05):
    B = u.shape[0]
    scores = (u @ v.T) / temperature  # (B, B)
    if log_q is not None:
        scores = scores - log_q[None, :]
    shifted = scores - scores.max(axis=1, keepdims=True)  # (B, B) no overflow
    probs = np.exp(shifted) / np.exp(shifted).sum(axis=1, keepdims=True)  # (B, B)
    correct = probs[np.arange(B), np.arange(B)]  # (B,) underflows to 0 at a 2e4 gap
    return float(-np.mean(np.log(correct + 1e-12)))


class CountMinSketch:
    """depth rows of width counters; row r hashes x to ((a_r x + b_r) mod p) mod width."""

    def __init__(self, width, depth, seed=0):
        self.width, self.depth = width, depth
        self.prime = 2**61 - 1
        rng = np.random.default_rng(seed)
        self.a = [int(x) for x in rng.integers(1, self.prime, size=depth)]
        self.b = [int(x) for x in rng.integers(0, self.prime, size=depth)]
        self.table = np.zeros((depth, width), dtype=np.int64)  # (depth, width)

    def _column(self, r, item):
        return ((self.a[r] * item + self.b[r]) % self.prime) % self.width

    def add(self, item, count=1):
        for r in range(self.depth):
            self.table[r, self._column(r, item)] += count

    def estimate(self, item):
        return int(min(self.table[r, self._column(r, item)] for r in range(self.depth)))
