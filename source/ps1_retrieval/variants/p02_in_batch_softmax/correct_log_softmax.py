# expect: full
# Correct: log-softmax styles (np.logaddexp.reduce, torch.logsumexp); an md5-hashed sketch.
"""In-batch softmax with logQ through log-softmax. B (user, item) pairs, d embedding dim."""

import hashlib

import numpy as np
import torch


def corrected_scores(u, v, log_q, temperature):
    """(B, B) logits: scores over the temperature, minus log Q of each item column."""
    scores = (u @ v.T) / temperature  # (B, B)
    return scores if log_q is None else scores - log_q[None, :]  # (B, B)


def in_batch_loss(u, v, log_q=None, temperature=0.05):
    scores = corrected_scores(u, v, log_q, temperature)  # (B, B)
    # log p_ii = s_ii - logsumexp(s_i); torch.logsumexp shifts by the max itself
    log_p_diag = scores.diagonal() - torch.logsumexp(scores, dim=1)  # (B,)
    return -log_p_diag.mean()


def in_batch_loss_np(u, v, log_q=None, temperature=0.05):
    scores = corrected_scores(np.asarray(u, float), np.asarray(v, float), log_q, temperature)
    log_norm = np.logaddexp.reduce(scores, axis=1)  # (B,) stable pairwise log(e^a + e^b)
    log_p_diag = np.diagonal(scores) - log_norm  # (B,)
    return -log_p_diag.mean()  # a NumPy float


class CountMinSketch:
    def __init__(self, width, depth, seed=0):
        self.width, self.depth, self.seed = width, depth, seed
        self.table = np.zeros((depth, width), dtype=np.int64)  # (depth, width)

    def _column(self, row, item):
        key = f"{self.seed}/{row}/{item}".encode()
        return int.from_bytes(hashlib.md5(key).digest()[:8], "little") % self.width

    def add(self, item, count=1):
        for row in range(self.depth):
            self.table[row, self._column(row, item)] += count

    def estimate(self, item):
        return min(self.table[row, self._column(row, item)] for row in range(self.depth))
