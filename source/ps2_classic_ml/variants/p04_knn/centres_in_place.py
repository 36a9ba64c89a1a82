# expect: lose correctness
# Gotcha: the centring fix for the norm expansion done in place (X_train -= mean): the
# distances are right, but the caller's X_train comes back changed.
"""k-nearest neighbours that centre the caller's array in place. n points, d features, Q."""

from collections import Counter

import numpy as np


def euclidean(a, b):
    return np.sqrt(np.sum((a - b) ** 2))


def knn_predict_one(X_train, y_train, query, k=5):
    pairs = [(euclidean(query, x), label) for x, label in zip(X_train, y_train, strict=True)]
    pairs.sort(key=lambda pair: pair[0])
    return Counter([label for _, label in pairs[:k]]).most_common(1)[0][0]


def _squared_distances(X_train, X_query):
    centre = X_train.mean(axis=0)  # (d,)
    X_train -= centre  # the slip: modifies the caller's array
    X_query = X_query - centre  # (Q, d)
    q_sq = (X_query**2).sum(axis=1, keepdims=True)  # (Q, 1)
    t_sq = (X_train**2).sum(axis=1)  # (n,)
    return np.maximum(q_sq + t_sq - 2 * (X_query @ X_train.T), 0.0)  # (Q, n)


def knn_predict_batch(X_train, y_train, X_query, k=5):
    order = np.argsort(_squared_distances(X_train, X_query), axis=1, kind="stable")[:, :k]
    return np.array([Counter(y_train[row].tolist()).most_common(1)[0][0] for row in order])


def knn_neighbors(X_train, X_query, k=5):
    X_train = X_train.copy()
    return np.argsort(_squared_distances(X_train, X_query), axis=1, kind="stable")[:, :k]
