# expect: lose complexity
# Gotcha: the batch calls the plain-loop knn_predict_one for every query, so it still runs a
# Python loop over the n training points per query: right labels, 30-70x a vectorised batch.
"""k-nearest neighbours whose batch loops over the training points. n points, d features, Q."""

from collections import Counter

import numpy as np


def euclidean(a, b):
    return np.sqrt(np.sum((a - b) ** 2))


def knn_predict_one(X_train, y_train, query, k=5):
    pairs = []
    for i in range(len(X_train)):
        pairs.append((euclidean(query, X_train[i]), y_train[i]))
    pairs.sort(key=lambda pair: pair[0])
    return Counter([label for _, label in pairs[:k]]).most_common(1)[0][0]


def knn_predict_batch(X_train, y_train, X_query, k=5):
    # the slip: a loop over queries is fine, but each call loops over all n points in Python
    return np.array([knn_predict_one(X_train, y_train, query, k) for query in X_query])


def knn_neighbors(X_train, X_query, k=5):
    rows = []
    for query in X_query:
        dist = [euclidean(query, x) for x in X_train]
        rows.append(sorted(range(len(dist)), key=lambda i: dist[i])[:k])
    return np.array(rows)
