# expect: lose gradient
# Gotcha: a hand-written backward forgets the chain rule through / temperature: right loss,
# gradients 1 / temperature (= 20) times too small.
"""In-batch softmax with a custom autograd.Function. B (user, item) pairs, d embedding dim."""

import numpy as np
import torch


class InBatchSoftmax(torch.autograd.Function):
    @staticmethod
    def forward(ctx, u, v, log_q, temperature):
        scores = (u @ v.T) / temperature  # (B, B)
        if log_q is not None:
            scores = scores - log_q[None, :]
        log_probs = torch.log_softmax(scores, dim=1)  # (B, B)
        ctx.save_for_backward(u, v, log_probs)
        return -log_probs.diagonal().mean()

    @staticmethod
    def backward(ctx, grad_out):
        u, v, log_probs = ctx.saved_tensors
        B = u.shape[0]
        d_scores = (log_probs.exp() - torch.eye(B, dtype=u.dtype)) / B  # (B, B) (p - I) / B
        # wrong: d scores / d (u @ v.T) is 1 / temperature, missing here
        return grad_out * d_scores @ v, grad_out * d_scores.T @ u, None, None


def in_batch_loss(u, v, log_q=None, temperature=0.05):
    return InBatchSoftmax.apply(u, v, log_q, temperature)


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
