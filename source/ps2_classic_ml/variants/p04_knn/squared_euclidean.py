# expect: lose correctness, stability
# Gotcha: euclidean returns the SQUARED distance (no sqrt). The neighbours are the same (the
# square root keeps the order), so only the distance values are wrong: the correctness test of
# euclidean and the far-from-origin one, which checks euclidean too (stability).
"""k-nearest neighbours whose euclidean forgets the square root. n points, d features, Q."""

from collections import Counter

import numpy as np


def euclidean(a, b):
    return np.sum((a - b) ** 2)  # the slip: no np.sqrt


def knn_predict_one(X_train, y_train, query, k=5):
    pairs = [(euclidean(query, x), label) for x, label in zip(X_train, y_train, strict=True)]
    pairs.sort(key=lambda pair: pair[0])
    return Counter([label for _, label in pairs[:k]]).most_common(1)[0][0]


def knn_predict_batch(X_train, y_train, X_query, k=5):
    out = []
    for query in X_query:
        d2 = ((X_train - query) ** 2).sum(axis=1)  # (n,)
        out.append(
            Counter(y_train[np.argsort(d2, kind="stable")[:k]].tolist()).most_common(1)[0][0]
        )
    return np.array(out)


def knn_neighbors(X_train, X_query, k=5):
    return np.array(
        [np.argsort(((X_train - q) ** 2).sum(axis=1), kind="stable")[:k] for q in X_query]
    )
