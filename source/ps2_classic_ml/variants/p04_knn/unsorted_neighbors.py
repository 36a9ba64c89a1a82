# expect: lose correctness
# Gotcha (optional follow-up): knn_neighbors returns np.argpartition's k smallest in no
# particular order, not nearest first. Everything else is right.
"""k-nearest neighbours whose neighbour lists are unordered. n points, d features, Q queries."""

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
        out.append(
            Counter(y_train[np.argsort(dist, kind="stable")[:k]].tolist()).most_common(1)[0][0]
        )
    return np.array(out)


def knn_neighbors(X_train, X_query, k=5):
    diffs = X_query[:, None, :] - X_train[None, :, :]  # (Q, n, d)
    d2 = (diffs**2).sum(axis=2)  # (Q, n)
    kth = min(k, d2.shape[1]) - 1
    return np.argpartition(d2, kth, axis=1)[:, : kth + 1]  # the slip: never sorted
