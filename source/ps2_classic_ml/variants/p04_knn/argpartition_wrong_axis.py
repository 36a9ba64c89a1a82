# expect: lose shapes, correctness, stability, complexity
# Gotcha: np.argpartition(d2, k, axis=0) partitions each column (across queries), so the
# "neighbours" are query indices 0..Q-1 used as training indices. It raises when Q <= k, so it
# also loses shapes and stability, and complexity (wrong answers earn no speed).
"""k-nearest neighbours whose batch selects along the wrong axis. n points, d features, Q."""

from collections import Counter

import numpy as np


def euclidean(a, b):
    return np.sqrt(np.sum((a - b) ** 2))


def knn_predict_one(X_train, y_train, query, k=5):
    pairs = sorted(
        ((euclidean(query, x), label) for x, label in zip(X_train, y_train, strict=True)),
        key=lambda pair: pair[0],
    )
    return Counter([label for _, label in pairs[:k]]).most_common(1)[0][0]


def knn_predict_batch(X_train, y_train, X_query, k=5):
    diffs = X_query[:, None, :] - X_train[None, :, :]  # (Q, n, d)
    d2 = (diffs**2).sum(axis=2)  # (Q, n)
    nearest = np.argpartition(d2, k, axis=0)[:, :k]  # the slip: axis 0 runs over queries
    return np.array([Counter(y_train[row].tolist()).most_common(1)[0][0] for row in nearest])


def knn_neighbors(X_train, X_query, k=5):
    rows = []
    for query in X_query:
        dist = np.sqrt(((X_train - query) ** 2).sum(axis=1))
        rows.append(np.argsort(dist, kind="stable")[:k])
    return np.array(rows)
