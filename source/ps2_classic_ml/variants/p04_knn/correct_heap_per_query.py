# expect: full
# Correct: one query by heapq.nsmallest over (distance, index) pairs and an explicit tie walk;
# the batch argpartitions each query's row with kth = min(k, n) - 1 and sorts those k.
"""k-nearest neighbours with a heap and argpartition. n points, d features, Q queries."""

import heapq

import numpy as np


def euclidean(a, b):
    return float(np.linalg.norm(np.asarray(a, float) - np.asarray(b, float)))


def majority_vote(labels):
    # labels listed nearest first; a tie goes to the first label with the top count
    counts = {}
    for label in labels:
        counts[label] = counts.get(label, 0) + 1
    top = max(counts.values())
    for label in labels:
        if counts[label] == top:
            return label


def knn_predict_one(X_train, y_train, query, k=5):
    scored = [(euclidean(query, x), i) for i, x in enumerate(X_train)]
    nearest = heapq.nsmallest(k, scored)  # sorted by distance, then index
    return majority_vote([y_train[i] for _, i in nearest])


def _nearest(X_train, query, k):
    dist = np.sqrt(((X_train - query) ** 2).sum(axis=1))  # (n,)
    k = min(k, len(dist))
    idx = np.argpartition(dist, k - 1)[:k]  # (k,) the k smallest, unordered
    return idx[np.argsort(dist[idx], kind="stable")]  # (k,) nearest first


def knn_predict_batch(X_train, y_train, X_query, k=5):
    labels = [majority_vote(list(y_train[_nearest(X_train, q, k)])) for q in X_query]
    return np.array(labels)  # (Q,)


def knn_neighbors(X_train, X_query, k=5):
    return np.array([_nearest(X_train, q, k) for q in X_query])  # (Q, min(k, n))
