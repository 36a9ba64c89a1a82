# expect: lose stability
# Gotcha: np.argpartition(dist, k) with kth = k: for k >= n it raises "kth out of bounds".
# The k it keeps are sorted by distance afterwards, so everything else is right; knn_neighbors
# shares the helper, so the follow-up's k >= n test (k = 25 and 31, n = 25) fails too.
"""k-nearest neighbours whose batch crashes when k >= n. n points, d features, Q queries."""

from collections import Counter

import numpy as np


def euclidean(a, b):
    return np.sqrt(np.sum((a - b) ** 2))


def knn_predict_one(X_train, y_train, query, k=5):
    pairs = [(euclidean(query, x), label) for x, label in zip(X_train, y_train, strict=True)]
    pairs.sort(key=lambda pair: pair[0])
    return Counter([label for _, label in pairs[:k]]).most_common(1)[0][0]


def _nearest(X_train, query, k):
    dist = np.sqrt(((X_train - query) ** 2).sum(axis=1))  # (n,)
    idx = np.argpartition(dist, k)[:k]  # the slip: kth = k must be < n
    return idx[np.argsort(dist[idx], kind="stable")]  # (k,) nearest first


def knn_predict_batch(X_train, y_train, X_query, k=5):
    out = [Counter(y_train[_nearest(X_train, q, k)].tolist()).most_common(1)[0][0] for q in X_query]
    return np.array(out)


def knn_neighbors(X_train, X_query, k=5):
    return np.array([_nearest(X_train, q, k) for q in X_query])
