# expect: full
# Correct: the NumPy towers run one row at a time (still each user and item once); torch
# cosine through F.cosine_similarity; top-k via a reversed argsort (ties: higher index first).
"""Two-tower forward, one row at a time. B_u users, B_i items, D features, H hidden, d emb."""

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F


def relu(x):
    return np.maximum(0, x)


def l2_normalize(M):
    return np.stack([row / (np.linalg.norm(row) + 1e-8) for row in M])  # (B, d)


def tower(x, W1, b1, W2, b2):
    return relu(x @ W1 + b1) @ W2 + b2


def two_tower_scores(user_x, item_x, user_params, item_params, cosine=True):
    u = np.stack([tower(row[None, :], *user_params)[0] for row in user_x])  # (B_u, d)
    v = np.stack([tower(row[None, :], *item_params)[0] for row in item_x])  # (B_i, d)
    if cosine:
        u, v = l2_normalize(u), l2_normalize(v)
    return u @ v.T  # (B_u, B_i)


class Tower(nn.Module):
    def __init__(self, in_dim, hidden, out_dim):
        super().__init__()
        self.layers = nn.ModuleList([nn.Linear(in_dim, hidden), nn.Linear(hidden, out_dim)])

    def forward(self, x):
        return self.layers[1](F.relu(self.layers[0](x)))


class TwoTower(nn.Module):
    def __init__(self, user_dim, item_dim, hidden=128, emb=64, normalize=True):
        super().__init__()
        self.item_tower = Tower(item_dim, hidden, emb)  # built first: any order is fine
        self.user_tower = Tower(user_dim, hidden, emb)
        self.normalize = normalize

    def forward(self, user_x, item_x):
        u = self.user_tower(user_x)
        v = self.item_tower(item_x)
        if self.normalize:
            scores = F.cosine_similarity(u[:, None, :], v[None, :, :], dim=-1)  # (B_u, B_i)
            return scores, F.normalize(u, dim=1), F.normalize(v, dim=1)
        return u @ v.T, u, v


def precompute_items(model, item_x):
    with torch.no_grad():
        return F.normalize(model.item_tower(item_x), dim=1).numpy()


def retrieve_topk(model, user_x_row, item_embeddings, k):
    with torch.no_grad():
        u = model.user_tower(user_x_row).numpy()
    scores = item_embeddings @ (u / (np.linalg.norm(u) + 1e-8))
    return np.argsort(scores)[::-1][:k]  # descending; ties come out higher index first
