# expect: lose correctness, stability
# Gotcha: sorted descending (reverse=True, argsort of -dist): the vote is among the k FARTHEST
# points. Also loses the stability tests that need the nearest (far from the origin); the
# complexity test's value check happens to agree on its two-label data.
"""k-nearest neighbours that vote among the farthest points. n points, d features, Q queries."""

from collections import Counter

import numpy as np


def euclidean(a, b):
    return np.sqrt(np.sum((a - b) ** 2))


def knn_predict_one(X_train, y_train, query, k=5):
    pairs = [(euclidean(query, x), label) for x, label in zip(X_train, y_train, strict=True)]
    pairs.sort(key=lambda pair: pair[0], reverse=True)  # the slip: largest distance first
    return Counter([label for _, label in pairs[:k]]).most_common(1)[0][0]


def knn_predict_batch(X_train, y_train, X_query, k=5):
    out = []
    for query in X_query:
        dist = np.sqrt(((X_train - query) ** 2).sum(axis=1))  # (n,)
        chosen = np.argsort(-dist, kind="stable")[:k]  # the slip: farthest first
        out.append(Counter(y_train[chosen].tolist()).most_common(1)[0][0])
    return np.array(out)  # (Q,)


def knn_neighbors(X_train, X_query, k=5):
    rows = []
    for query in X_query:
        dist = np.sqrt(((X_train - query) ** 2).sum(axis=1))  # (n,)
        rows.append(np.argsort(-dist, kind="stable")[:k])
    return np.array(rows)
