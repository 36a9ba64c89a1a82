# expect: lose correctness
# Gotcha: kmeans_restarts keeps the last run instead of the lowest-inertia one (only the
# follow-up test fails).
"""k-means whose restarts keep the last run. n points, d dimensions, k clusters."""

import numpy as np


def euclidean(a, b):  # a, b: (d,)
    diff = np.asarray(a, dtype=np.float64) - np.asarray(b, dtype=np.float64)  # (d,)
    return float(np.sqrt(np.sum(diff**2)))


def nearest_centroid(point, centroids):  # point: (d,), centroids: (k, d)
    best_j, best_dist = 0, float("inf")
    for j in range(len(centroids)):
        dist = euclidean(point, centroids[j])
        if dist < best_dist:  # strict: on a tie the lower index stays
            best_j, best_dist = j, dist
    return best_j


def assign_labels(X, centroids):
    return np.array([nearest_centroid(x, centroids) for x in X], dtype=np.int64)  # (n,)


def update_centroids(X, labels, centroids):
    new_centroids = np.array(centroids, dtype=np.float64)  # (k, d) copy: empty clusters keep theirs
    for j in range(len(new_centroids)):
        members = X[labels == j]  # (n_j, d)
        if len(members) > 0:
            new_centroids[j] = members.mean(axis=0)  # (d,)
    return new_centroids


def kmeans(X, k, iters=100):
    X = np.asarray(X, dtype=np.float64)  # (n, d)
    centroids = X[np.random.choice(len(X), k, replace=False)].copy()  # (k, d)
    for _ in range(iters):
        labels = assign_labels(X, centroids)  # (n,)
        new_centroids = update_centroids(X, labels, centroids)  # (k, d)
        if np.allclose(new_centroids, centroids):  # nothing moved: a fixed point
            break
        centroids = new_centroids
    labels = assign_labels(X, centroids)  # (n,) labels of the centroids we return
    return centroids, labels


def kmeans_plus_plus_init(X, k):
    X = np.asarray(X, dtype=np.float64)  # (n, d)
    n = len(X)
    chosen = [X[np.random.randint(n)]]  # the first centroid: uniform
    while len(chosen) < k:
        d2 = np.array([min(euclidean(x, c) ** 2 for c in chosen) for x in X])  # (n,) D(x)^2
        total = d2.sum()
        probs = d2 / total if total > 0 else np.full(n, 1.0 / n)  # (n,)
        chosen.append(X[np.random.choice(n, p=probs)])
    return np.array(chosen)  # (k, d)


def inertia(X, centroids, labels):
    total = 0.0
    for i in range(len(X)):
        total += euclidean(X[i], centroids[labels[i]]) ** 2
    return total


def kmeans_restarts(X, k, n_init=10):
    best = None
    for _ in range(n_init):
        centroids, labels = kmeans(X, k)
        best = (centroids, labels)  # BUG: never compares inertia(X, centroids, labels)
    return best
