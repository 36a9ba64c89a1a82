# expect: full
# Correct: towers as raw nn.Parameter matrices stored (in, out), x @ W; einsum for the NumPy
# scores; normalisation by clamp(min=eps); inference_mode; sorted() for the top-k (a list).
"""Two-tower forward with raw parameters. B_u users, B_i items, D features, H hidden, d emb."""

import math

import numpy as np
import torch
import torch.nn as nn


def relu(x):
    return np.where(x > 0, x, 0.0)


def l2_normalize(M):
    norms = np.sqrt(np.einsum("bd,bd->b", M, M))[:, None]  # (B, 1)
    return M / np.maximum(norms, 1e-12)  # (B, d), a zero row stays zero


def tower(x, W1, b1, W2, b2):
    return relu(x @ W1 + b1) @ W2 + b2  # (B, d)


def two_tower_scores(user_x, item_x, user_params, item_params, cosine=True):
    u = tower(user_x, *user_params)  # (B_u, d)
    v = tower(item_x, *item_params)  # (B_i, d)
    if cosine:
        u, v = l2_normalize(u), l2_normalize(v)
    return np.einsum("id,jd->ij", u, v)  # (B_u, B_i)


class Tower(nn.Module):
    def __init__(self, in_dim, hidden, out_dim):
        super().__init__()
        bound1, bound2 = 1 / math.sqrt(in_dim), 1 / math.sqrt(hidden)
        self.W1 = nn.Parameter(torch.empty(in_dim, hidden).uniform_(-bound1, bound1))
        self.b1 = nn.Parameter(torch.zeros(hidden))
        self.W2 = nn.Parameter(torch.empty(hidden, out_dim).uniform_(-bound2, bound2))
        self.b2 = nn.Parameter(torch.zeros(out_dim))

    def forward(self, x):
        return torch.clamp(x @ self.W1 + self.b1, min=0) @ self.W2 + self.b2  # (B, out_dim)


def _unit(t):
    return t / t.norm(dim=-1, keepdim=True).clamp(min=1e-12)


class TwoTower(nn.Module):
    def __init__(self, user_dim, item_dim, hidden=128, emb=64, normalize=True):
        super().__init__()
        self.user_tower = Tower(user_dim, hidden, emb)
        self.item_tower = Tower(item_dim, hidden, emb)
        self.normalize = normalize

    def forward(self, user_x, item_x):
        u, v = self.user_tower(user_x), self.item_tower(item_x)
        if self.normalize:
            u, v = _unit(u), _unit(v)
        return torch.einsum("id,jd->ij", u, v), u, v


def precompute_items(model, item_x):
    with torch.inference_mode():
        return _unit(model.item_tower(item_x)).numpy()


def retrieve_topk(model, user_x_row, item_embeddings, k):
    with torch.inference_mode():
        u = _unit(model.user_tower(user_x_row[None, :]))[0].numpy()  # (d,)
    scores = item_embeddings @ u  # (N,)
    ranked = sorted(range(len(scores)), key=lambda n: (-scores[n], n))
    return ranked[:k]
