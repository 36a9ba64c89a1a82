# expect: lose correctness
# Gotcha: add(item, count) adds 1 whatever count says, so chunked items are undercounted.
"""In-batch softmax; the sketch ignores the count argument. B pairs, d dims."""

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
    def __init__(self, width, depth, seed=0):
        self.width, self.depth, self.prime = width, depth, 2**61 - 1
        rng = np.random.default_rng(seed)
        self.a = [int(x) for x in rng.integers(1, self.prime, size=depth)]
        self.b = [int(x) for x in rng.integers(0, self.prime, size=depth)]
        self.table = np.zeros((depth, width), dtype=np.int64)  # (depth, width)

    def _column(self, r, item):
        return ((self.a[r] * item + self.b[r]) % self.prime) % self.width

    def add(self, item, count=1):
        for r in range(self.depth):
            self.table[r, self._column(r, item)] += 1  # wrong: count is ignored

    def estimate(self, item):
        return int(min(self.table[r, self._column(r, item)] for r in range(self.depth)))
