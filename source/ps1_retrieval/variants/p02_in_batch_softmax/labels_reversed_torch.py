# expect: lose correctness, gradient
# Gotcha: the torch labels are arange(B) reversed, so user i is scored against item B-1-i
# (its loss value also fails the gradient test; the +-1e4 batches are symmetric, so stability holds).
"""In-batch softmax whose torch labels are reversed. B pairs, d dims."""

import numpy as np
import torch
import torch.nn.functional as F


def in_batch_loss(u, v, log_q=None, temperature=0.05):
    scores = (u @ v.T) / temperature  # (B, B)
    if log_q is not None:
        scores = scores - log_q[None, :]  # (B, B)
    labels = torch.arange(u.shape[0]).flip(0)  # (B,) wrong: B-1, ..., 0
    return F.cross_entropy(scores, labels)


def in_batch_loss_np(u, v, log_q=None, temperature=0.05):  # u, v: (B, d) arrays
    scores = (u @ v.T) / temperature  # (B, B)
    if log_q is not None:
        scores = scores - log_q[None, :]  # (B, B) per item column
    shifted = scores - scores.max(axis=1, keepdims=True)  # (B, B) max-shift
    log_norm = np.log(np.exp(shifted).sum(axis=1))  # (B,)
    return float(np.mean(log_norm - np.diagonal(shifted)))


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
