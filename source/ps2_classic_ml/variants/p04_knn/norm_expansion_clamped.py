# expect: lose stability
# Gotcha: the norm expansion with np.maximum(d2, 0) and a sqrt: no nan, but the digits lost to
# cancellation near 1e8 stay lost (many distances clamp to 0): wrong neighbours. The single
# query uses the same expansion, so euclidean far from the origin is wrong too.
"""k-nearest neighbours through the clamped norm expansion. n points, d features, Q."""

from collections import Counter

import numpy as np


def euclidean(a, b):
    return np.sqrt(max(a @ a + b @ b - 2 * (a @ b), 0.0))  # the slip, for one pair


def _distances(X_train, X_query):
    q_sq = (X_query**2).sum(axis=1, keepdims=True)  # (Q, 1)
    t_sq = (X_train**2).sum(axis=1)  # (n,)
    d2 = q_sq + t_sq - 2 * (X_query @ X_train.T)  # (Q, n)
    return np.sqrt(np.maximum(d2, 0.0))  # clamping hides negatives, not lost digits


def knn_predict_one(X_train, y_train, query, k=5):
    return knn_predict_batch(X_train, y_train, query[None, :], k)[0]


def knn_predict_batch(X_train, y_train, X_query, k=5):
    order = np.argsort(_distances(X_train, X_query), axis=1, kind="stable")[:, :k]
    return np.array([Counter(y_train[row].tolist()).most_common(1)[0][0] for row in order])


def knn_neighbors(X_train, X_query, k=5):
    return np.argsort(_distances(X_train, X_query), axis=1, kind="stable")[:, :k]
