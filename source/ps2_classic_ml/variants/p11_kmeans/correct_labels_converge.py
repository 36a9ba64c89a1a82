# expect: full
# Correct: ASSIGN first, stop when no label changes; an empty cluster is re-seeded at the point
# farthest from its centroid (as scikit-learn does); k-means++ by inverse CDF.
"""k-means that stops on unchanged labels. n points, d dimensions, k clusters."""

import math

import numpy as np


def euclidean(a, b):
    return math.sqrt(sum((float(x) - float(y)) ** 2 for x, y in zip(a, b, strict=True)))


def nearest_centroid(point, centroids):
    distances = [euclidean(point, c) for c in centroids]  # k floats
    return distances.index(min(distances))  # .index finds the first: the lowest index


def _assign(X, centroids):
    return np.array([nearest_centroid(x, centroids) for x in X])  # (n,)


def _update(X, labels, centroids):
    new_centroids = centroids.copy()  # (k, d)
    for j in range(len(centroids)):
        members = X[labels == j]  # (n_j, d)
        if len(members):
            new_centroids[j] = members.mean(axis=0)
        else:  # empty: restart it at the point worst served by its centroid
            gaps = [euclidean(x, centroids[c]) for x, c in zip(X, labels, strict=True)]
            new_centroids[j] = X[int(np.argmax(gaps))]
    return new_centroids


def kmeans(X, k, iters=100):
    X = np.asarray(X, dtype=np.float64)  # (n, d)
    order = np.random.permutation(len(X))  # a random order of the rows
    centroids = X[order[:k]].copy()  # (k, d) k distinct rows
    labels = _assign(X, centroids)  # (n,)
    for _ in range(iters):
        centroids = _update(X, labels, centroids)  # (k, d)
        new_labels = _assign(X, centroids)  # (n,)
        done = np.array_equal(new_labels, labels)
        labels = new_labels  # always the labels of the current centroids
        if done:
            break
    return centroids, labels


def kmeans_plus_plus_init(X, k):
    X = np.asarray(X, dtype=np.float64)
    n = len(X)
    centroids = [X[int(np.random.random_sample() * n)]]
    for _ in range(1, k):
        weights = np.array([min(euclidean(x, c) for c in centroids) ** 2 for x in X])  # (n,)
        cumulative = np.cumsum(weights)  # (n,)
        target = np.random.random_sample() * cumulative[-1]
        pick = int(np.searchsorted(cumulative, target, side="right"))
        centroids.append(X[min(pick, n - 1)])
    return np.array(centroids)  # (k, d)


def kmeans_restarts(X, k, n_init=10):
    best = None
    for _ in range(n_init):
        centroids, labels = kmeans(X, k)
        score = sum(euclidean(x, centroids[c]) ** 2 for x, c in zip(X, labels, strict=True))
        if best is None or score < best[0]:
            best = (score, centroids, labels)
    return best[1], best[2]
