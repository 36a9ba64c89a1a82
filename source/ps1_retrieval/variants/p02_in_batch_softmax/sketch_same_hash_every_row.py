# expect: lose correctness
# Gotcha: every row uses the same hash (item mod width), so rows collide together: depth buys nothing.
"""In-batch softmax; the sketch hashes every row alike. B pairs, d dims."""

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
        self.width, self.depth = width, depth
        self.table = np.zeros((depth, width), dtype=np.int64)  # (depth, width)

    def _column(self, r, item):
        return hash(item) % self.width  # wrong: no per-row randomness, r is unused

    def add(self, item, count=1):
        for r in range(self.depth):
            self.table[r, self._column(r, item)] += count

    def estimate(self, item):
        return int(min(self.table[r, self._column(r, item)] for r in range(self.depth)))
