# expect: full
# Correct: no Python loop at all. Broadcast differences (Q, n, d), argpartition then a sort of
# the k, and a vectorised vote whose ties go to the first (nearest) position.
"""k-nearest neighbours, fully vectorised. n training points, d features, Q queries."""

import numpy as np


def euclidean(a, b):
    diff = np.asarray(a, dtype=np.float64) - np.asarray(b, dtype=np.float64)  # (d,)
    return float(np.sqrt(diff @ diff))


def _distance_matrix(X_train, X_query):
    diffs = X_query[:, None, :] - X_train[None, :, :]  # (Q, n, d) direct differences
    return np.sqrt(np.einsum("qnd,qnd->qn", diffs, diffs))  # (Q, n)


def _nearest_sorted(dist, k):
    n = dist.shape[1]
    k = min(k, n)
    if k < n:
        part = np.argpartition(dist, k - 1, axis=1)[:, :k]  # (Q, k) unordered
    else:
        part = np.tile(np.arange(n), (dist.shape[0], 1))  # (Q, n) every point
    part_dist = np.take_along_axis(dist, part, axis=1)  # (Q, k)
    order = np.argsort(part_dist, axis=1, kind="stable")  # (Q, k)
    return np.take_along_axis(part, order, axis=1)  # (Q, k) nearest first


def _vote_rows(labels):
    # labels: (Q, k) nearest first. votes[q, i] = how many of row q equal labels[q, i];
    # argmax returns the first maximum, i.e. the nearest member of a tied label
    votes = (labels[:, :, None] == labels[:, None, :]).sum(axis=2)  # (Q, k)
    first = np.argmax(votes, axis=1)  # (Q,)
    return labels[np.arange(len(labels)), first]  # (Q,)


def knn_predict_batch(X_train, y_train, X_query, k=5):
    X_train = np.asarray(X_train, dtype=np.float64)  # (n, d)
    X_query = np.asarray(X_query, dtype=np.float64)  # (Q, d)
    nearest = _nearest_sorted(_distance_matrix(X_train, X_query), k)  # (Q, k)
    return _vote_rows(np.asarray(y_train)[nearest])  # (Q,)


def knn_predict_one(X_train, y_train, query, k=5):
    return knn_predict_batch(X_train, y_train, np.asarray(query)[None, :], k)[0]


def knn_neighbors(X_train, X_query, k=5):
    X_train = np.asarray(X_train, dtype=np.float64)
    X_query = np.asarray(X_query, dtype=np.float64)
    return _nearest_sorted(_distance_matrix(X_train, X_query), k)  # (Q, min(k, n))
