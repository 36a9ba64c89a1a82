# expect: lose correctness
# Gotcha: the vote is np.bincount(labels).argmax(), so a tie goes to the smallest label, not
# to the tied label whose nearest member is closest (the rule the statement gives).
"""k-nearest neighbours that break vote ties by the smallest label. n points, d features, Q."""

import numpy as np


def euclidean(a, b):
    return np.sqrt(np.sum((a - b) ** 2))


def _vote(labels):
    return np.bincount(labels).argmax()  # the slip: ties -> smallest label


def knn_predict_one(X_train, y_train, query, k=5):
    dist = np.array([euclidean(query, x) for x in X_train])  # (n,)
    return _vote(y_train[np.argsort(dist, kind="stable")[:k]])


def knn_predict_batch(X_train, y_train, X_query, k=5):
    out = []
    for query in X_query:
        dist = np.sqrt(((X_train - query) ** 2).sum(axis=1))  # (n,)
        out.append(_vote(y_train[np.argsort(dist, kind="stable")[:k]]))
    return np.array(out)


def knn_neighbors(X_train, X_query, k=5):
    rows = []
    for query in X_query:
        dist = np.sqrt(((X_train - query) ** 2).sum(axis=1))
        rows.append(np.argsort(dist, kind="stable")[:k])
    return np.array(rows)
