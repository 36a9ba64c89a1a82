# expect: lose shapes, correctness
# Gotcha: the sketch keeps np.zeros((depth, width)) float counters (estimate returns 3.0, not 3)
# and draws its hashes from np.random.default_rng() without the seed: not reproducible.
"""In-batch softmax; the sketch has a float table and ignores its seed. B pairs, d dims."""

import numpy as np
import torch
import torch.nn.functional as F


def in_batch_loss(u, v, log_q=None, temperature=0.05):  # u, v: (B, d) tensors
    scores = (u @ v.T) / temperature  # (B, B) logits, scores[i, j] = user_i . item_j / T
    if log_q is not None:
        scores = scores - log_q[None, :]  # (B, B) each item column loses its log Q(j)
    labels = torch.arange(u.shape[0], device=u.device)  # (B,) positive of user i is item i
    return F.cross_entropy(scores, labels)  # 0-d, mean over rows


def in_batch_loss_np(u, v, log_q=None, temperature=0.05):  # u, v: (B, d) arrays
    scores = (u @ v.T) / temperature  # (B, B)
    if log_q is not None:
        scores = scores - log_q[None, :]  # (B, B) per item column
    # softmax is shift-invariant: subtract each row's max so exp cannot overflow
    shifted = scores - scores.max(axis=1, keepdims=True)  # (B, B)
    log_norm = np.log(np.exp(shifted).sum(axis=1))  # (B,) log-sum-exp of each shifted row
    diag = np.diagonal(shifted)  # (B,) the positive's shifted logit
    return float(np.mean(log_norm - diag))


class CountMinSketch:
    """depth rows of width counters; row r hashes x to ((a_r x + b_r) mod p) mod width."""

    def __init__(self, width, depth, seed=0):
        self.width, self.depth = width, depth
        self.prime = 2**61 - 1  # a Mersenne prime above every item id
        rng = np.random.default_rng()  # BUG: the seed is never used: new hashes every time
        self.a = [int(x) for x in rng.integers(1, self.prime, size=depth)]
        self.b = [int(x) for x in rng.integers(0, self.prime, size=depth)]
        self.table = np.zeros((depth, width))  # BUG: float64 counters (depth, width)

    def _buckets(self, item):
        return [
            ((a * item + b) % self.prime) % self.width for a, b in zip(self.a, self.b, strict=True)
        ]

    def add(self, item, count=1):
        self.table[np.arange(self.depth), self._buckets(item)] += count

    def estimate(self, item):
        return self.table[np.arange(self.depth), self._buckets(item)].min()  # a NumPy float
