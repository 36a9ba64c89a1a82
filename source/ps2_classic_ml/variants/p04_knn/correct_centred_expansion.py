# expect: full
# Correct: the matmul identity ||a||^2 + ||b||^2 - 2 a.b, made safe by centring both sets on
# X_train's mean first (new arrays, inputs untouched), clamped at 0; predict_one reuses it.
"""k-nearest neighbours through the norm expansion, centred. n points, d features, Q queries."""

import math
from collections import Counter

import numpy as np


def euclidean(a, b):
    return math.sqrt(sum((float(x) - float(z)) ** 2 for x, z in zip(a, b, strict=True)))


def _squared_distances(X_train, X_query):
    centre = X_train.mean(axis=0)  # (d,) shifting both sets leaves distances unchanged
    A = X_query - centre  # (Q, d) new arrays: the caller's stay as they were
    B = X_train - centre  # (n, d)
    a_sq = (A**2).sum(axis=1, keepdims=True)  # (Q, 1)
    b_sq = (B**2).sum(axis=1)  # (n,)
    d2 = a_sq + b_sq - 2.0 * (A @ B.T)  # (Q, n)
    return np.maximum(d2, 0.0)  # rounding can still leave tiny negatives


def knn_predict_batch(X_train, y_train, X_query, k=5):
    d2 = _squared_distances(np.asarray(X_train, float), np.asarray(X_query, float))  # (Q, n)
    order = np.argsort(d2, axis=1, kind="stable")[:, :k]  # (Q, min(k, n))
    out = [Counter(np.asarray(y_train)[row].tolist()).most_common(1)[0][0] for row in order]
    return np.array(out, dtype=np.asarray(y_train).dtype)  # (Q,)


def knn_predict_one(X_train, y_train, query, k=5):
    return int(knn_predict_batch(X_train, y_train, np.asarray(query)[None, :], k)[0])


def knn_neighbors(X_train, X_query, k=5):
    d2 = _squared_distances(np.asarray(X_train, float), np.asarray(X_query, float))  # (Q, n)
    return np.argsort(d2, axis=1, kind="stable")[:, :k]  # (Q, min(k, n))
