# expect: lose correctness
# Gotcha: a {distance: label} dict keeps one entry per distance value, so duplicate training
# points (the same row twice) merge into one vote.
"""k-nearest neighbours through a dict keyed by distance. n points, d features, Q queries."""

from collections import Counter

import numpy as np


def euclidean(a, b):
    return np.sqrt(np.sum((a - b) ** 2))


def knn_predict_one(X_train, y_train, query, k=5):
    label_at = {}
    for x, label in zip(X_train, y_train, strict=True):
        label_at[euclidean(query, x)] = label  # BUG: equal distances overwrite each other
    nearest = sorted(label_at)[:k]  # the k smallest distinct distances
    return Counter([label_at[dist] for dist in nearest]).most_common(1)[0][0]


def knn_predict_batch(X_train, y_train, X_query, k=5):
    out = []
    for query in X_query:
        dist = np.sqrt(((X_train - query) ** 2).sum(axis=1))  # (n,)
        out.append(
            Counter(y_train[np.argsort(dist, kind="stable")[:k]].tolist()).most_common(1)[0][0]
        )
    return np.array(out)  # (Q,)


def knn_neighbors(X_train, X_query, k=5):
    rows = []
    for query in X_query:
        dist = np.sqrt(((X_train - query) ** 2).sum(axis=1))  # (n,)
        rows.append(np.argsort(dist, kind="stable")[:k])
    return np.array(rows)  # (Q, min(k, n))
