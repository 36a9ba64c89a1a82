# expect: lose correctness, stability, gradient
# Gotcha: the positive is handled apart from its row: NumPy subtracts log_q from the negatives only
# (s[i, i] uncorrected), torch leaves the positive out of the softmax denominator (-inf at B = 1).
"""In-batch softmax that treats the positive apart from its row. B pairs, d dims."""

import numpy as np
import torch


def in_batch_loss(u, v, log_q=None, temperature=0.05):  # u, v: (B, d) tensors
    scores = (u @ v.T) / temperature  # (B, B) logits
    if log_q is not None:
        scores = scores - log_q[None, :]  # (B, B) each item column loses its log Q(j)
    positives = scores.diagonal()  # (B,)
    # BUG: the denominator runs over the negatives only (j != i), not over all B items
    eye = torch.eye(len(u), dtype=torch.bool, device=u.device)  # (B, B)
    negatives = scores.masked_fill(eye, float("-inf"))  # (B, B)
    return (torch.logsumexp(negatives, dim=1) - positives).mean()  # 0-d


def in_batch_loss_np(u, v, log_q=None, temperature=0.05):  # u, v: (B, d) arrays
    scores = (u @ v.T) / temperature  # (B, B)
    if log_q is not None:
        # BUG: only the negatives are corrected; the diagonal (the positives) keeps its score
        off_diagonal = 1.0 - np.eye(len(u))  # (B, B)
        scores = scores - off_diagonal * log_q[None, :]  # (B, B)
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
        rng = np.random.default_rng(seed)
        self.a = [int(x) for x in rng.integers(1, self.prime, size=depth)]
        self.b = [int(x) for x in rng.integers(0, self.prime, size=depth)]
        self.table = np.zeros((depth, width), dtype=np.int64)  # (depth, width)

    def _buckets(self, item):
        return [
            ((a * item + b) % self.prime) % self.width for a, b in zip(self.a, self.b, strict=True)
        ]

    def add(self, item, count=1):
        self.table[np.arange(self.depth), self._buckets(item)] += count

    def estimate(self, item):
        return int(self.table[np.arange(self.depth), self._buckets(item)].min())
