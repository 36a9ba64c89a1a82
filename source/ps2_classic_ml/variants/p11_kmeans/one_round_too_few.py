# expect: lose correctness
# Gotcha: `for _ in range(1, iters)` runs iters - 1 rounds: with iters=1 kmeans returns its
# start untouched (the last ASSIGN still makes the labels fit, so only the round count shows).
"""k-means whose loop runs one round too few. n points, d dimensions, k clusters."""

import numpy as np


def euclidean(a, b):  # a, b: (d,)
    return float(np.linalg.norm(np.asarray(a, dtype=np.float64) - b))


def _squared_distances(X, centroids):
    diff = X[:, None, :] - centroids[None, :, :]  # (n, k, d)
    return (diff**2).sum(axis=2)  # (n, k)


def nearest_centroid(point, centroids):  # point: (d,), centroids: (k, d)
    d2 = ((np.asarray(centroids, dtype=np.float64) - point) ** 2).sum(axis=1)  # (k,)
    return int(np.argmin(d2))  # argmin returns the first minimum: the lowest index on a tie


def kmeans(X, k, iters=100):
    X = np.asarray(X, dtype=np.float64)  # (n, d)
    centroids = X[np.random.choice(len(X), k, replace=False)]  # (k, d) fancy indexing copies
    for _ in range(1, iters):  # BUG: iters - 1 rounds, none at all for iters=1
        labels = _squared_distances(X, centroids).argmin(axis=1)  # (n,)
        counts = np.bincount(labels, minlength=k)  # (k,)
        sums = np.zeros_like(centroids)  # (k, d)
        np.add.at(sums, labels, X)
        occupied = counts > 0  # (k,)
        new_centroids = centroids.copy()  # (k, d) empty clusters keep their centroid
        new_centroids[occupied] = sums[occupied] / counts[occupied, None]
        if np.allclose(new_centroids, centroids):
            break
        centroids = new_centroids
    return centroids, _squared_distances(X, centroids).argmin(axis=1)


def kmeans_plus_plus_init(X, k):
    X = np.asarray(X, dtype=np.float64)  # (n, d)
    n = len(X)
    chosen = [np.random.choice(n)]
    d2 = ((X - X[chosen[0]]) ** 2).sum(axis=1)  # (n,) D(x)^2 so far
    for _ in range(1, k):
        nxt = np.random.choice(n, p=d2 / d2.sum())
        chosen.append(nxt)
        d2 = np.minimum(d2, ((X - X[nxt]) ** 2).sum(axis=1))  # (n,)
    return X[chosen]  # (k, d)


def kmeans_restarts(X, k, n_init=10):
    X = np.asarray(X, dtype=np.float64)
    runs = [kmeans(X, k) for _ in range(n_init)]
    inertias = [((X - c[labels]) ** 2).sum() for c, labels in runs]
    return runs[int(np.argmin(inertias))]
