# expect: lose stability
# Gotcha: squared distances from ||q||^2 + ||x||^2 - 2 q.x with no precaution: near 1e8 the
# terms are ~1e16 and the small gaps drown in rounding (some d2 negative): wrong neighbours.
"""k-nearest neighbours through the raw norm expansion. n points, d features, Q queries."""

from collections import Counter

import numpy as np


def euclidean(a, b):
    return np.sqrt(np.sum((a - b) ** 2))


def knn_predict_one(X_train, y_train, query, k=5):
    pairs = [(euclidean(query, x), label) for x, label in zip(X_train, y_train, strict=True)]
    pairs.sort(key=lambda pair: pair[0])
    return Counter([label for _, label in pairs[:k]]).most_common(1)[0][0]


def _squared_distances(X_train, X_query):
    q_sq = (X_query**2).sum(axis=1, keepdims=True)  # (Q, 1)
    t_sq = (X_train**2).sum(axis=1)  # (n,)
    return q_sq + t_sq - 2 * (X_query @ X_train.T)  # (Q, n) the slip: cancellation


def knn_predict_batch(X_train, y_train, X_query, k=5):
    order = np.argsort(_squared_distances(X_train, X_query), axis=1, kind="stable")[:, :k]
    return np.array([Counter(y_train[row].tolist()).most_common(1)[0][0] for row in order])


def knn_neighbors(X_train, X_query, k=5):
    return np.argsort(_squared_distances(X_train, X_query), axis=1, kind="stable")[:, :k]
