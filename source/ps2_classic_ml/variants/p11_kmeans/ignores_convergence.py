# expect: lose complexity
# Gotcha: no stop test: always runs all `iters` iterations (right answers, ~100x slower).
"""k-means, vectorised, that never stops early. n points, d dimensions, k clusters."""

import numpy as np


def euclidean(a, b):
    return float(np.sqrt(((np.asarray(a, dtype=np.float64) - b) ** 2).sum()))


def nearest_centroid(point, centroids):
    return int(np.argmin(((np.asarray(centroids, dtype=np.float64) - point) ** 2).sum(axis=1)))


def _labels(X, centroids):
    return ((X[:, None, :] - centroids[None, :, :]) ** 2).sum(axis=2).argmin(axis=1)  # (n,)


def kmeans(X, k, iters=100):
    X = np.asarray(X, dtype=np.float64)  # (n, d)
    centroids = X[np.random.choice(len(X), k, replace=False)]  # (k, d)
    for _ in range(iters):  # no convergence test
        labels = _labels(X, centroids)  # (n,)
        centroids = np.array(
            [X[labels == j].mean(axis=0) if np.any(labels == j) else centroids[j] for j in range(k)]
        )  # (k, d)
    return centroids, _labels(X, centroids)


def kmeans_plus_plus_init(X, k):
    X = np.asarray(X, dtype=np.float64)
    chosen = [np.random.choice(len(X))]
    for _ in range(1, k):
        d2 = ((X[:, None, :] - X[chosen][None]) ** 2).sum(axis=2).min(axis=1)  # (n,)
        chosen.append(np.random.choice(len(X), p=d2 / d2.sum()))
    return X[chosen]


def kmeans_restarts(X, k, n_init=10):
    runs = [kmeans(X, k) for _ in range(n_init)]
    return min(runs, key=lambda run: ((X - run[0][run[1]]) ** 2).sum())
