# expect: full
# Correct: plain Python loops with math.exp/math.log, a per-row torch loop, a tuple-hash sketch.
"""In-batch softmax with logQ, plain loops. B (user, item) pairs, d embedding dim."""

import math

import torch


def in_batch_loss(u, v, log_q=None, temperature=0.05):  # u, v: (B, d) tensors
    B = u.shape[0]
    scores = (u @ v.T) / temperature  # (B, B)
    total = u.new_zeros(())  # 0-d, same dtype as u, on the graph once we add to it
    for i in range(B):
        row = scores[i]  # (B,) user i against every item
        if log_q is not None:
            row = row - log_q  # (B,) item j loses log Q(j)
        m = row.max()  # shift by the max: exp cannot overflow
        log_sum_exp = m + torch.log(torch.exp(row - m).sum())  # 0-d
        total = total + log_sum_exp - row[i]  # -log p_ii, the positive is item i
    return total / B


def in_batch_loss_np(u, v, log_q=None, temperature=0.05):  # u, v: (B, d) arrays
    B, d = u.shape
    total = 0.0
    for i in range(B):
        row = []  # B floats: user i against every item
        for j in range(B):
            s = sum(float(u[i, k]) * float(v[j, k]) for k in range(d)) / temperature
            if log_q is not None:
                s -= float(log_q[j])  # per item j, whatever the row
            row.append(s)
        m = max(row)  # softmax is shift-invariant: the largest exp is e^0 = 1
        log_sum_exp = m + math.log(sum(math.exp(s - m) for s in row))
        total += log_sum_exp - row[i]  # -log p_ii without ever logging a probability
    return total / B


class CountMinSketch:
    """depth lists of width counters; row r hashes x with Python's hash((seed, r, x))."""

    def __init__(self, width, depth, seed=0):
        self.width, self.depth, self.seed = width, depth, seed
        self.rows = [[0] * width for _ in range(depth)]  # (depth, width)

    def add(self, item, count=1):
        for r in range(self.depth):
            self.rows[r][hash((self.seed, r, item)) % self.width] += count

    def estimate(self, item):
        return min(self.rows[r][hash((self.seed, r, item)) % self.width] for r in range(self.depth))
