# expect: lose shapes, correctness, stability
# Gotcha (optional follow-up): knn_neighbors keeps heapq.nsmallest's (distance, index) pairs, so
# it returns a float (Q, k, 2) array instead of (Q, k) indices: every follow-up test fails.
"""k-nearest neighbours whose neighbour lists keep the distances. n points, d features, Q."""

import heapq
from collections import Counter

import numpy as np


def euclidean(a, b):
    return np.sqrt(np.sum((a - b) ** 2))


def knn_predict_one(X_train, y_train, query, k=5):
    pairs = [(euclidean(query, x), label) for x, label in zip(X_train, y_train, strict=True)]
    pairs.sort(key=lambda pair: pair[0])
    return Counter([label for _, label in pairs[:k]]).most_common(1)[0][0]


def knn_predict_batch(X_train, y_train, X_query, k=5):
    out = []
    for query in X_query:
        dist = np.sqrt(((X_train - query) ** 2).sum(axis=1))  # (n,)
        out.append(Counter(y_train[np.argsort(dist)[:k]].tolist()).most_common(1)[0][0])
    return np.array(out)  # (Q,)


def knn_neighbors(X_train, X_query, k=5):
    rows = []
    for query in X_query:
        dist = np.sqrt(((X_train - query) ** 2).sum(axis=1))  # (n,)
        rows.append(heapq.nsmallest(k, zip(dist, range(len(dist)), strict=True)))  # BUG: pairs
    return np.array(rows)  # (Q, min(k, n), 2) float64
