# expect: full
# Correct: the whiteboard version. A plain loop, list sort and Counter for one query; the batch
# loops over the Q queries with one vectorised distance row each.
"""k-nearest neighbours with plain loops. n training points, d features, Q queries."""

from collections import Counter

import numpy as np


def euclidean(a, b):
    # straight-line distance: square the coordinate gaps, add them up, take the root
    return np.sqrt(np.sum((a - b) ** 2))


def knn_predict_one(X_train, y_train, query, k=5):
    pairs = []  # (distance, label) for each of the n training points
    for i in range(len(X_train)):
        pairs.append((euclidean(query, X_train[i]), y_train[i]))
    pairs.sort(key=lambda pair: pair[0])  # nearest first (a stable sort)
    top_labels = [label for _, label in pairs[:k]]  # k >= n: the slice stops at n
    # most_common keeps equal counts in first-seen order: the nearest tied label wins
    return Counter(top_labels).most_common(1)[0][0]


def knn_predict_batch(X_train, y_train, X_query, k=5):
    predictions = []
    for query in X_query:  # Q iterations; each one is vectorised over the n points
        dists = np.linalg.norm(X_train - query, axis=1)  # (n,)
        nearest = np.argsort(dists, kind="stable")[:k]  # (min(k, n),) nearest first
        predictions.append(Counter(y_train[nearest].tolist()).most_common(1)[0][0])
    return np.array(predictions)  # (Q,)


def knn_neighbors(X_train, X_query, k=5):
    rows = []
    for query in X_query:
        dists = np.linalg.norm(X_train - query, axis=1)  # (n,)
        rows.append(np.argsort(dists, kind="stable")[:k])  # (min(k, n),)
    return np.array(rows)  # (Q, min(k, n))
