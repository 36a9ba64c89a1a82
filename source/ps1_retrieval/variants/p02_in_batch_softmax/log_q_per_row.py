# expect: lose correctness, stability, gradient
# Gotcha: log_q is subtracted per user row (log_q[:, None]); a row constant changes no softmax,
# so every loss with log_q equals the uncorrected one (also in the +-1e4 and gradient tests).
"""In-batch softmax that subtracts log Q per row, a silent no-op. B pairs, d dims."""

import numpy as np
import torch
import torch.nn.functional as F


def in_batch_loss(u, v, log_q=None, temperature=0.05):
    scores = (u @ v.T) / temperature  # (B, B)
    if log_q is not None:
        scores = scores - log_q[:, None]  # (B, B) wrong axis: one constant per row
    return F.cross_entropy(scores, torch.arange(u.shape[0]))


def in_batch_loss_np(u, v, log_q=None, temperature=0.05):
    scores = (u @ v.T) / temperature  # (B, B)
    if log_q is not None:
        scores = scores - log_q[:, None]  # (B, B) wrong axis: one constant per row
    shifted = scores - scores.max(axis=1, keepdims=True)  # (B, B)
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
