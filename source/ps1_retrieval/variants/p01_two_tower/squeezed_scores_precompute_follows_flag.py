# expect: lose shapes, correctness
# Gotcha: squeezes and flags: forward squeezes the score matrix (a single user gives (B_i,),
# not (1, B_i)), and precompute_items follows the model's normalize flag, so a dot-product model
# serves raw item embeddings where the contract wants unit rows for cosine retrieval.
"""Two-tower forward with bugs: squeezed scores, a flag-following precompute. See the top."""

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F


def relu(x):
    return np.maximum(x, 0.0)  # same shape as x, a new array


def l2_normalize(M):  # M: (B, d)
    norms = np.linalg.norm(M, axis=1, keepdims=True)  # (B, 1): one length per row
    return M / (norms + 1e-8)  # (B, d); + eps so a zero row gives zeros, not nan


def tower(x, W1, b1, W2, b2):  # x: (B, D)
    hidden = relu(x @ W1 + b1)  # (B, H)
    return hidden @ W2 + b2  # (B, d)


def two_tower_scores(user_x, item_x, user_params, item_params, cosine=True):
    u = tower(user_x, *user_params)  # (B_u, d)
    v = tower(item_x, *item_params)  # (B_i, d)
    if cosine:
        u = l2_normalize(u)  # (B_u, d)
        v = l2_normalize(v)  # (B_i, d)
    return u @ v.T  # (B_u, B_i): (B_u, d) times (d, B_i)


class Tower(nn.Module):
    def __init__(self, in_dim, hidden, out_dim):
        super().__init__()
        self.net = nn.Sequential(
            nn.Linear(in_dim, hidden),
            nn.ReLU(),
            nn.Linear(hidden, out_dim),
        )

    def forward(self, x):
        return self.net(x)  # (B, out_dim)


class TwoTower(nn.Module):
    def __init__(self, user_dim, item_dim, hidden=128, emb=64, normalize=True):
        super().__init__()
        self.user_tower = Tower(user_dim, hidden, emb)  # its own weights
        self.item_tower = Tower(item_dim, hidden, emb)  # its own weights
        self.normalize = normalize

    def forward(self, user_x, item_x):
        u = self.user_tower(user_x)  # (B_u, d)
        v = self.item_tower(item_x)  # (B_i, d)
        if self.normalize:
            u = F.normalize(u, dim=-1)  # (B_u, d), divides by max(norm, eps)
            v = F.normalize(v, dim=-1)  # (B_i, d)
        scores = (u @ v.T).squeeze()  # BUG: (B_i,) when B_u == 1, (B_u,) when B_i == 1
        return scores, u, v


def precompute_items(model, item_x):  # item_x: (N, D_i)
    with torch.no_grad():
        v = model.item_tower(item_x)  # (N, d)
        if model.normalize:  # BUG: serving wants unit rows whatever the flag
            v = F.normalize(v, dim=-1)  # (N, d)
    return v.numpy()  # (N, d)


def retrieve_topk(model, user_x_row, item_embeddings, k):
    with torch.no_grad():
        u = F.normalize(model.user_tower(user_x_row), dim=-1).numpy()  # (d,)
    scores = item_embeddings @ u  # (N,)
    top = np.argpartition(-scores, k - 1)[:k]  # (k,) the k best, unordered, O(N)
    return top[np.argsort(-scores[top])]  # (k,) best first
