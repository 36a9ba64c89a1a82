# expect: lose correctness, stability
# Gotcha: the centring fix for the norm expansion applied to X_train only: the queries keep their
# coordinates, so every distance is measured to points shifted by the mean. Far from the origin
# (stability) that is as wrong as it gets.
"""k-nearest neighbours that centre the training points but not the queries. n, d, Q."""

from collections import Counter

import numpy as np


def euclidean(a, b):
    return np.sqrt(np.sum((a - b) ** 2))


def knn_predict_one(X_train, y_train, query, k=5):
    pairs = [(euclidean(query, x), label) for x, label in zip(X_train, y_train, strict=True)]
    pairs.sort(key=lambda pair: pair[0])
    return Counter([label for _, label in pairs[:k]]).most_common(1)[0][0]


def _squared_distances(X_train, X_query):
    B = X_train - X_train.mean(axis=0)  # (n, d) centred, a new array
    A = X_query  # BUG: (Q, d) the queries need the same shift
    a_sq = (A**2).sum(axis=1, keepdims=True)  # (Q, 1)
    b_sq = (B**2).sum(axis=1)  # (n,)
    return np.maximum(a_sq + b_sq - 2.0 * (A @ B.T), 0.0)  # (Q, n)


def knn_predict_batch(X_train, y_train, X_query, k=5):
    order = np.argsort(_squared_distances(X_train, X_query), axis=1, kind="stable")[:, :k]
    return np.array([Counter(y_train[row].tolist()).most_common(1)[0][0] for row in order])


def knn_neighbors(X_train, X_query, k=5):
    rows = []
    for query in X_query:
        dist = np.sqrt(((X_train - query) ** 2).sum(axis=1))  # (n,)
        rows.append(np.argsort(dist, kind="stable")[:k])
    return np.array(rows)  # (Q, min(k, n))
