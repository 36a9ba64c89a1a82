# expect: lose stability
# Gotcha: the norm expansion with np.sqrt and no clamp: a query that coincides with a training
# point gets a squared distance of 0 as a tiny negative number, sqrt gives nan, and argsort puts
# nan last, so the point itself is never its neighbour. Far from the origin it fails too.
"""k-nearest neighbours through the expansion, square-rooted unclamped. n, d, Q."""

from collections import Counter

import numpy as np


def euclidean(a, b):
    return np.sqrt(np.sum((a - b) ** 2))


def knn_predict_one(X_train, y_train, query, k=5):
    pairs = [(euclidean(query, x), label) for x, label in zip(X_train, y_train, strict=True)]
    pairs.sort(key=lambda pair: pair[0])
    return Counter([label for _, label in pairs[:k]]).most_common(1)[0][0]


def _distances(X_train, X_query):
    q_sq = (X_query**2).sum(axis=1, keepdims=True)  # (Q, 1)
    t_sq = (X_train**2).sum(axis=1)  # (n,)
    return np.sqrt(q_sq + t_sq - 2.0 * (X_query @ X_train.T))  # BUG: (Q, n) nan where d2 < 0


def knn_predict_batch(X_train, y_train, X_query, k=5):
    order = np.argsort(_distances(X_train, X_query), axis=1, kind="stable")[:, :k]
    return np.array([Counter(y_train[row].tolist()).most_common(1)[0][0] for row in order])


def knn_neighbors(X_train, X_query, k=5):
    rows = []
    for query in X_query:
        dist = np.sqrt(((X_train - query) ** 2).sum(axis=1))  # (n,)
        rows.append(np.argsort(dist, kind="stable")[:k])
    return np.array(rows)  # (Q, min(k, n))
