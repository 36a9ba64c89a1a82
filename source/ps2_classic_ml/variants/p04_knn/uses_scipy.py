# expect: lose shapes, correctness, stability, complexity
# Gotcha: distances from scipy.spatial.distance.cdist, which grading.yml forbids (the engine
# zeroes the problem, every category); the code itself is otherwise right.
"""k-nearest neighbours through scipy's cdist. n points, d features, Q queries."""

from collections import Counter

import numpy as np
from scipy.spatial.distance import cdist


def euclidean(a, b):
    return float(cdist(a[None, :], b[None, :])[0, 0])


def knn_predict_batch(X_train, y_train, X_query, k=5):
    order = np.argsort(cdist(X_query, X_train), axis=1, kind="stable")[:, :k]
    return np.array([Counter(y_train[row].tolist()).most_common(1)[0][0] for row in order])


def knn_predict_one(X_train, y_train, query, k=5):
    return knn_predict_batch(X_train, y_train, query[None, :], k)[0]


def knn_neighbors(X_train, X_query, k=5):
    return np.argsort(cdist(X_query, X_train), axis=1, kind="stable")[:, :k]
