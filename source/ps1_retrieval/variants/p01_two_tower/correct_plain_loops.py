# expect: full
# Correct: NumPy with plain Python loops everywhere (math.sqrt, scalar sums), explicit layers
# in PyTorch, a selection loop for the top-k.
"""Two-tower forward with plain loops. B_u users, B_i items, D features, H hidden, d emb."""

import math

import numpy as np
import torch
import torch.nn as nn


def relu(x):
    x = np.asarray(x, dtype=np.float64)
    out = x.copy()  # a new array: the caller's x stays as it was
    for index in np.ndindex(out.shape):
        if out[index] < 0:
            out[index] = 0.0
    return out


def l2_normalize(M):  # M: (B, d)
    B, d = M.shape
    out = np.zeros((B, d))  # (B, d)
    for b in range(B):
        length = math.sqrt(sum(float(M[b, k]) ** 2 for k in range(d)))
        for k in range(d):
            out[b, k] = M[b, k] / (length + 1e-8)  # + eps: a zero row stays zero
    return out


def tower(x, W1, b1, W2, b2):  # x: (B, D), W1: (D, H), W2: (H, d)
    B, D = x.shape
    H, d = W2.shape
    out = np.zeros((B, d))  # (B, d)
    for b in range(B):
        hidden = [0.0] * H
        for h in range(H):
            total = b1[h]
            for i in range(D):
                total += x[b, i] * W1[i, h]
            hidden[h] = max(total, 0.0)  # ReLU after the first layer only
        for k in range(d):
            total = b2[k]
            for h in range(H):
                total += hidden[h] * W2[h, k]
            out[b, k] = total
    return out


def two_tower_scores(user_x, item_x, user_params, item_params, cosine=True):
    u = tower(user_x, *user_params)  # (B_u, d), each user once
    v = tower(item_x, *item_params)  # (B_i, d), each item once
    if cosine:
        u, v = l2_normalize(u), l2_normalize(v)
    B_u, d = u.shape
    B_i = v.shape[0]
    scores = np.zeros((B_u, B_i))  # (B_u, B_i)
    for i in range(B_u):
        for j in range(B_i):
            scores[i, j] = sum(u[i, k] * v[j, k] for k in range(d))  # user i . item j
    return scores


class Tower(nn.Module):
    def __init__(self, in_dim, hidden, out_dim):
        super().__init__()
        self.fc1 = nn.Linear(in_dim, hidden)
        self.fc2 = nn.Linear(hidden, out_dim)

    def forward(self, x):
        return self.fc2(torch.relu(self.fc1(x)))  # (B, out_dim)


class TwoTower(nn.Module):
    def __init__(self, user_dim, item_dim, hidden=128, emb=64, normalize=True):
        super().__init__()
        self.user_tower = Tower(user_dim, hidden, emb)
        self.item_tower = Tower(item_dim, hidden, emb)
        self.normalize = normalize

    def forward(self, user_x, item_x):
        u = self.user_tower(user_x)  # (B_u, d)
        v = self.item_tower(item_x)  # (B_i, d)
        if self.normalize:
            u = u / (u.norm(dim=1, keepdim=True) + 1e-8)  # + eps: zero row -> zeros
            v = v / (v.norm(dim=1, keepdim=True) + 1e-8)
        return u @ v.T, u, v


def precompute_items(model, item_x):
    with torch.no_grad():
        v = model.item_tower(item_x)  # (N, d)
        v = v / (v.norm(dim=1, keepdim=True) + 1e-8)
    return v.numpy()


def retrieve_topk(model, user_x_row, item_embeddings, k):
    with torch.no_grad():
        u = model.user_tower(user_x_row).numpy()  # (d,)
    length = math.sqrt(sum(float(c) ** 2 for c in u)) + 1e-8
    scores = [float(np.dot(row, u)) / length for row in item_embeddings]  # N cosines
    chosen = []
    for _ in range(k):  # pick the best remaining item k times: O(N k), plain and clear
        best = None
        for n, s in enumerate(scores):
            if n not in chosen and (best is None or s > scores[best]):
                best = n
        chosen.append(best)
    return chosen
