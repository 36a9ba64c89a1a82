# expect: full
# Correct: Python lists throughout, squared distances for the argmin (same order as distances),
# exact equality as the stop test, k-means++ through np.random.choice with p.
"""k-means on Python lists. n points, d dimensions, k clusters."""

import numpy as np


def squared_distance(a, b):
    return sum((float(x) - float(y)) ** 2 for x, y in zip(a, b, strict=True))


def euclidean(a, b):
    return squared_distance(a, b) ** 0.5


def nearest_centroid(point, centroids):
    best = 0
    for j in range(1, len(centroids)):
        if squared_distance(point, centroids[j]) < squared_distance(point, centroids[best]):
            best = j
    return best


def kmeans(X, k, iters=100):
    points = [list(map(float, row)) for row in X]  # n lists of d floats
    n, d = len(points), len(points[0])
    centroids = [list(points[i]) for i in np.random.choice(n, k, replace=False)]
    for _ in range(iters):
        labels = [nearest_centroid(p, centroids) for p in points]
        sums = [[0.0] * d for _ in range(k)]
        counts = [0] * k
        for p, j in zip(points, labels, strict=True):
            counts[j] += 1
            for c in range(d):
                sums[j][c] += p[c]
        new_centroids = [
            [s / counts[j] for s in sums[j]] if counts[j] else centroids[j] for j in range(k)
        ]
        if new_centroids == centroids:
            break
        centroids = new_centroids
    labels = [nearest_centroid(p, centroids) for p in points]
    return np.array(centroids), np.array(labels)


def kmeans_plus_plus_init(X, k):
    X = np.asarray(X, dtype=np.float64)
    centroids = [X[np.random.choice(len(X))]]
    while len(centroids) < k:
        d2 = np.array([min(squared_distance(x, c) for c in centroids) for x in X])
        centroids.append(X[np.random.choice(len(X), p=d2 / d2.sum())])
    return np.array(centroids)


def kmeans_restarts(X, k, n_init=10):
    results = []
    for _ in range(n_init):
        centroids, labels = kmeans(X, k)
        score = sum(squared_distance(x, centroids[j]) for x, j in zip(X, labels, strict=True))
        results.append((score, centroids, labels))
    results.sort(key=lambda run: run[0])  # stable: the first of equal runs stays first
    return results[0][1], results[0][2]
