"""Grading suite for p11_kmeans.

The student writes `euclidean(a, b)`, `nearest_centroid(point, centroids)` and
`kmeans(X, k, iters=100) -> (centroids, labels)` (Lloyd's algorithm), and optionally
`kmeans_plus_plus_init(X, k)` and `kmeans_restarts(X, k, n_init)`.
Letters: n points (rows of X), d dimensions, k clusters; centroids (k, d), labels (n,) ints.

`kmeans` starts from k random rows of X drawn with np.random. A plain `student.kmeans(...)`
call cannot seed the worker's global RNG, so the `seeded_kmeans` probe calls
np.random.seed(s) in the worker right before the student's `kmeans`. No test expects one
exact answer: different correct code may draw its start differently. Each checks a property
that holds for every start, recomputed here in float64 from the returned arrays:
    labels[i] is a nearest returned centroid     (ties allowed, up to rounding)
    centroid j is the mean of its members         (Lloyd's fixed point, at convergence)
    the blobs of BLOBS are found                  (true from every start, see BLOBS)
Two tests judge the seeding itself, as the statement asks: the same seed repeats a run, and
different seeds start from different rows.
The data sets are literals, and what the tests rely on was checked when they were written by
running Lloyd's algorithm from every possible start (every set of k distinct rows).
The complexity test counts Python steps in the worker instead of timing calls, so its verdict
cannot depend on how busy the machine is.
Categories and points live in grading.yml.
"""

import math

import numpy as np

from autograder.checks import (
    assert_close,
    describe,
    expect_array,
    expect_finite,
    expect_scalar,
)

# ---- data sets -------------------------------------------------------------------------------

# 30 points in [0, 10]^2 (uniform, rounded to 0.01), clustered with k = 3. From each of the
# C(30, 3) = 4060 starts Lloyd's algorithm reaches a fixed point within 13 iterations; no
# cluster ever empties; along every run the nearest centroid of each point beats the second
# nearest by more than 5e-4 in squared distance (so no tie rule or rounding matters); every
# update that follows a change of labels moves some centroid by more than 0.15 (so a stop
# rule like np.allclose(new, old) cannot fire early). Only 98 of the 4060 starts (2.4 %) are
# already a fixed point after one update: a single iteration, or labels kept from before the
# last update, shows from almost any start, and the tests below try four or more.
SCATTER = np.array(
    [
        [3.88, 5.96], [5.14, 6.94], [6.52, 8.63], [5.90, 5.28], [7.72, 2.11], [1.05, 0.86],
        [4.75, 3.77], [1.80, 3.49], [6.69, 7.10], [7.40, 3.05], [0.21, 7.62], [6.46, 4.64],
        [3.81, 7.06], [8.85, 1.53], [2.51, 3.49], [9.52, 0.72], [4.64, 2.84], [8.56, 9.06],
        [8.79, 4.22], [0.91, 5.90], [6.06, 2.82], [1.20, 3.40], [0.59, 9.89], [0.26, 3.83],
        [6.02, 1.85], [3.73, 9.57], [5.98, 9.91], [9.44, 8.11], [0.12, 1.29], [2.70, 4.10],
    ]
)  # fmt: skip

# Two skewed blobs in 3-D, 13 points near the origin and 8 near (8, -7, 4), shuffled; BLOB_OF
# says which blob each row is in. From each of the C(21, 2) = 210 starts of k = 2, Lloyd's
# algorithm ends at exactly these two blobs within 3 iterations (nearest beats second nearest
# by more than 7e-3 in squared distance on every run). The blobs are skewed, so the median of
# each blob is 0.4 or more away from its mean in some coordinate.
BLOBS = np.array(
    [
        [0.29, 0.66, 1.13], [1.11, 0.25, 0.14], [0.54, 0.07, 0.45], [0.69, 0.18, 0.60],
        [8.94, -6.47, 3.33], [8.77, -6.79, 4.69], [8.67, -7.49, 4.90], [0.14, 1.44, 0.01],
        [7.42, -7.76, 4.66], [0.93, 0.26, 2.14], [0.49, 1.97, 2.91], [8.46, -6.88, 4.70],
        [6.09, -7.76, 4.44], [7.69, -6.01, 0.19], [0.54, 0.73, 1.39], [3.76, 0.46, 0.37],
        [2.24, 1.19, 0.25], [8.83, -10.48, 4.92], [0.29, 1.88, 0.78], [1.79, 0.67, 0.23],
        [0.04, 0.10, 0.34],
    ]
)  # fmt: skip
BLOB_OF = np.array([0, 0, 0, 0, 1, 1, 1, 0, 1, 0, 0, 1, 1, 1, 0, 0, 0, 1, 0, 0, 0])

# A point whose label is not its nearest centroid must be farther by more than this share of
# the data's squared scale: float64 distances (any formula) are exact to ~1e-15 of it, and
# every real mistake in these tests is off by more than 1e-4 of it.
LABEL_SLACK = 1e-9
# At Lloyd's fixed point a centroid is the mean of its members up to the order of summation
# (~1e-15 here); a median, a sum or a centroid one update behind is off by 0.1 or more.
MEAN_RTOL, MEAN_ATOL = 1e-8, 1e-8


# ---- probes (they run in the worker) ---------------------------------------------------------


def seeded_kmeans(ns, X, k, seed, iters=None):
    """np.random.seed(seed), then the student's kmeans(X, k[, iters])."""
    import numpy as np

    kmeans = ns["kmeans"]
    np.random.seed(seed)
    if iters is None:
        return kmeans(X, k)
    return kmeans(X, k, iters)


def seeded_kmeans_plus_plus_draws(ns, X, k, trials, seed):
    """np.random.seed(seed), then `trials` calls of the student's kmeans_plus_plus_init."""
    import numpy as np

    init = ns["kmeans_plus_plus_init"]
    np.random.seed(seed)
    return [init(X, k) for _ in range(trials)]


def restarts_over_given_runs(ns, X, k, n_init, runs):
    """The student's kmeans_restarts, with its `kmeans` answering from `runs` in turn. Like a
    real kmeans, the stand-in first draws from NumPy's global generator; the draws say whether
    every run could start from a different random state."""
    import numpy as np

    restarts = ns["kmeans_restarts"]
    scope = restarts.__globals__  # the student's module: where `kmeans` is looked up
    original = scope.get("kmeans")
    calls = []
    draws = []

    def kmeans(*args, **kwargs):
        draws.append(float(np.random.random_sample()))  # where a real start would be drawn
        centroids, labels = runs[len(calls) % len(runs)]
        calls.append(1)
        return centroids.copy(), labels.copy()

    scope["kmeans"] = kmeans
    try:
        result = restarts(X, k, n_init)
    finally:
        if original is None:
            del scope["kmeans"]
        else:
            scope["kmeans"] = original
    return {"result": result, "calls": len(calls), "draws": draws}


# ---- float64 oracles and checks --------------------------------------------------------------


def _squared_distances(X: np.ndarray, centroids: np.ndarray) -> np.ndarray:
    diff = X[:, None, :] - centroids[None, :, :]  # (n, k, d)
    return np.einsum("nkd,nkd->nk", diff, diff)  # (n, k)


def _not_nearest(X: np.ndarray, centroids: np.ndarray, labels: np.ndarray) -> np.ndarray:
    """Indices of the points whose label is not a nearest centroid (ties count as nearest)."""
    d2 = _squared_distances(X, centroids)  # (n, k)
    scale = 1.0 + float(np.max(np.abs(X))) ** 2 + float(np.max(np.abs(centroids))) ** 2
    own = d2[np.arange(len(X)), labels]  # (n,)
    return np.flatnonzero(own > d2.min(axis=1) + LABEL_SLACK * scale)


FARTHEST_HINT = (
    "Every label is the FARTHEST centroid: keep the smaller distance (`<`, np.argmin), not the "
    "larger one (`>`, np.argmax)"
)


def _all_farthest(X: np.ndarray, centroids: np.ndarray, labels: np.ndarray) -> bool:
    """True when every label is a farthest centroid (and some point has a nearer one)."""
    d2 = _squared_distances(X, centroids)  # (n, k)
    own = d2[np.arange(len(X)), labels]  # (n,)
    return bool(np.all(own >= d2.max(axis=1)) and np.any(own > d2.min(axis=1)))


def _vector(v: np.ndarray) -> str:
    return "[" + ", ".join(f"{x:.4g}" for x in v) + "]"


def _split_result(result: object, call: str, n: int, d: int, k: int, strict: bool = False):
    """`kmeans` returns (centroids (k, d) floats, labels (n,) ints in [0, k)).

    The dtype of the labels is judged by the shapes test (`strict`); elsewhere whole-number
    float labels are read as ints, so that one dtype slip does not fail every test."""
    if result is None:
        raise AssertionError(
            f"{call} returned None, expected a pair (centroids, labels): is a `return` missing?"
        )
    if not isinstance(result, tuple | list) or len(result) != 2:
        raise AssertionError(
            f"{call} returned {describe(result)}, expected a pair: `return centroids, labels`"
        )
    centroids = expect_array(
        result[0],
        f"the centroid array returned by {call}",
        shape=(k, d),
        shape_note="one row per cluster (k rows), one column per dimension (d)",
    )
    labels = expect_array(
        result[1],
        f"the labels returned by {call}",
        shape=(n,),
        dtype_kind=None,
        shape_note="one cluster index per point",
    )
    if not strict and labels.dtype.kind == "f" and np.all(labels == np.round(labels)):
        labels = labels.astype(np.int64)
    if labels.dtype.kind not in "iu":
        raise AssertionError(
            f"The labels returned by {call} have dtype {labels.dtype}, expected integers: "
            f"they are indices into the centroids (np.argmin and np.array of Python ints give "
            f"int64)"
        )
    if labels.min() < 0 or labels.max() >= k:
        raise AssertionError(
            f"The labels returned by {call} run from {labels.min()} to {labels.max()}, "
            f"expected cluster indices in [0, {k})"
        )
    return centroids, labels


def _run_kmeans(student, X, k, seed, iters=None):
    """The student's kmeans after np.random.seed(seed); checked shapes and finite centroids."""
    shown_iters = "" if iters is None else f", iters={iters}"
    call = f"`kmeans(X, {k}{shown_iters})` after np.random.seed({seed})"
    result = student.probe(seeded_kmeans, for_function="kmeans", X=X, k=k, seed=seed, iters=iters)
    centroids, labels = _split_result(result, call, *X.shape, k)
    expect_finite(
        centroids,
        f"the centroid array returned by {call}",
        "No cluster of this data set ever empties from a start of k distinct points: nan or "
        "inf means a division by zero or an overflow in the update",
    )
    return call, centroids, labels


MEAN_HINT = "UPDATE sets each centroid j to members.mean(axis=0), the points whose label is j"


def _median_or_sum_hint(X: np.ndarray, members: np.ndarray, centroid: np.ndarray) -> str:
    """Says so if the centroid is the median or the sum of its members; else ""."""
    points = X[members]  # (n_j, d)
    if np.allclose(centroid, np.median(points, axis=0), rtol=1e-9, atol=1e-9):
        return (
            "It is the median of the members: k-means moves each centroid to the MEAN, "
            "members.mean(axis=0), the point that minimises the summed squared distances"
        )
    if np.allclose(centroid, points.sum(axis=0), rtol=1e-9, atol=1e-9):
        return "It is the sum of the members: divide by their count (members.mean(axis=0))"
    if np.any(np.all(X == centroid, axis=1)):
        return (
            "It is one of the data points, as at the start: did the centroids ever move? "
            "(a stop test such as `if not np.allclose(new, old): break` is inverted)"
        )
    return ""


def _expect_means(X, centroids, labels, call):
    """Every centroid that has members is their mean (empty clusters are not judged)."""
    farthest = _all_farthest(X, centroids, labels)
    for j in range(len(centroids)):
        members = np.flatnonzero(labels == j)
        if len(members) == 0:
            continue
        mean = X[members].mean(axis=0)  # (d,) float64 oracle
        if np.all(np.abs(centroids[j] - mean) <= MEAN_ATOL + MEAN_RTOL * np.abs(mean)):
            continue
        assert_close(
            centroids[j],
            mean,
            MEAN_RTOL,
            MEAN_ATOL,
            f"centroid {j} returned by {call} vs the mean of its {len(members)} member(s)",
            hint=FARTHEST_HINT
            if farthest
            else _median_or_sum_hint(X, members, centroids[j]) or MEAN_HINT,
        )


# ---- shapes ----------------------------------------------------------------------------------


def test_kmeans_returns_k_by_d_centroids_and_n_integer_labels(student):
    rng = np.random.default_rng(0)
    # n != d != k, one cluster, and as many clusters as points.
    for n, d, k in [(30, 2, 3), (12, 5, 4), (9, 4, 1), (7, 3, 7)]:
        X = rng.normal(size=(n, d))
        result = student.kmeans(X, k)
        _split_result(result, f"`kmeans(X, {k})` for X of shape {(n, d)}", n, d, k, strict=True)


# ---- correctness -----------------------------------------------------------------------------


def test_euclidean_is_the_square_root_of_summed_squares(student):
    rng = np.random.default_rng(1)
    cases = [
        (np.array([1.0, 2.0, 3.0]), np.array([4.0, 6.0, 3.0])),  # closed form: sqrt(9+16) = 5
        (np.array([-2.5, 0.5]), np.array([-2.5, 0.5])),  # the same point: 0
        (rng.normal(size=7), rng.normal(size=7)),
    ]
    for a, b in cases:
        name = f"`euclidean(a, b)` for a = {_vector(a)}, b = {_vector(b)}"
        value = student.euclidean(a, b)
        if isinstance(value, np.ndarray) and value.size > 1:
            raise AssertionError(
                f"{name} is an array of shape {value.shape}, expected one number: sum the "
                f"squared differences over all d coordinates, then take the square root"
            )
        got = expect_scalar(value, name)
        expected = math.sqrt(float(np.sum((a - b) ** 2)))  # float64 oracle
        hint = "The distance is sqrt(sum_j (a[j] - b[j])^2)"
        if expected > 0 and math.isclose(got, expected**2, rel_tol=1e-9):
            hint = "It is the squared distance: the square root is missing"
        elif expected > 0 and math.isclose(got, float(np.sum(np.abs(a - b))), rel_tol=1e-9):
            hint = "It is the L1 (Manhattan) distance: square the differences, then sqrt"
        assert_close(got, expected, 1e-12, 1e-12, name, hint=hint)


def _expect_index(value: object, name: str, k: int) -> int:
    if isinstance(value, np.ndarray) and value.ndim == 0:
        value = value[()]
    if isinstance(value, bool | np.bool_) or not isinstance(value, int | np.integer):
        extra = ""
        if isinstance(value, float | np.floating):
            extra = " (a float: return the index j of the loop, or int(np.argmin(...)))"
        raise AssertionError(f"{name} is {describe(value)}, expected an int index{extra}")
    if not 0 <= int(value) < k:
        raise AssertionError(f"{name} is {int(value)}, expected an index in [0, {k})")
    return int(value)


def test_nearest_centroid_returns_the_closest_index_not_the_farthest(student):
    rng = np.random.default_rng(2)
    centroids = rng.normal(scale=3.0, size=(5, 4))  # (k, d)
    points = [centroids[0] + 0.1, centroids[4] - 0.2, centroids[2] * 0.9, rng.normal(size=4)]
    for point in points:
        name = f"`nearest_centroid(point, centroids)` for point {_vector(point)}"
        got = _expect_index(student.nearest_centroid(point, centroids), name, 5)
        d2 = ((centroids - point) ** 2).sum(axis=1)  # (k,) float64 oracle
        expected = int(np.argmin(d2))
        if got == expected:
            continue
        hint = "Return the index of the smallest euclidean(point, centroids[j])"
        if got == int(np.argmax(d2)):
            hint = (
                "That is the FARTHEST centroid: keep the smaller distance (`<`, np.argmin), "
                "not the larger one (`>`, np.argmax)"
            )
        raise AssertionError(
            f"{name}: got {got} (distance {math.sqrt(d2[got]):.4g}), expected {expected} "
            f"(distance {math.sqrt(d2[expected]):.4g}), over 5 centroids. {hint}"
        )


def test_nearest_centroid_breaks_ties_to_the_lowest_index(student):
    # Exact ties in float64: the squared distances below are sums of 0s and 1s.
    point = np.array([0.0, 0.0])
    cases = [
        (np.array([[5.0, 5.0], [1.0, 0.0], [3.0, 3.0], [0.0, 1.0], [-1.0, 0.0]]), 1),
        (np.array([[0.0, 2.0], [2.0, 0.0], [0.0, -2.0]]), 0),
        (np.array([[4.0, 4.0], [0.0, 1.0], [0.0, 1.0]]), 1),  # a repeated centroid
    ]
    for centroids, expected in cases:
        name = f"`nearest_centroid([0, 0], centroids)` for centroids {centroids.tolist()}"
        got = _expect_index(student.nearest_centroid(point, centroids), name, len(centroids))
        if got != expected:
            raise AssertionError(
                f"{name}: got {got}, expected {expected}. Several centroids are equally "
                f"near; the rule is the lowest index. Likely cause: `<=` in the comparison "
                f"(a later centroid at the same distance replaces the earlier one); use `<`, "
                f"or np.argmin, which returns the first minimum"
            )


def test_each_label_is_its_points_nearest_centroid(student):
    for seed in (4, 5, 6):
        call, centroids, labels = _run_kmeans(student, SCATTER, 3, seed)
        bad = _not_nearest(SCATTER, centroids, labels)
        if len(bad) == 0:
            continue
        d2 = _squared_distances(SCATTER, centroids)  # (n, k)
        i = int(bad[0])
        nearest = int(np.argmin(d2[i]))
        hint = (
            "ASSIGN gives each point the index of its nearest centroid, and the labels you "
            "return must be computed from the centroids you return"
        )
        if _all_farthest(SCATTER, centroids, labels):
            hint = FARTHEST_HINT
        raise AssertionError(
            f"{call}: {len(bad)} of 30 points are not labelled with their nearest returned "
            f"centroid. Point {i} {_vector(SCATTER[i])} has label {labels[i]} (distance "
            f"{math.sqrt(d2[i, labels[i]]):.4g}), but centroid {nearest} is nearer (distance "
            f"{math.sqrt(d2[i, nearest]):.4g}). {hint}"
        )


def test_centroids_are_the_means_of_their_members_not_median_or_sum(student):
    # Closed form: with k = 1 every point is in the one cluster, whose centroid is X.mean(0).
    call, centroids, labels = _run_kmeans(student, BLOBS, 1, 7)
    assert_close(
        centroids[0],
        BLOBS.mean(axis=0),
        MEAN_RTOL,
        MEAN_ATOL,
        f"the one centroid returned by {call} vs the mean of all 21 points",
        hint=_median_or_sum_hint(BLOBS, np.arange(len(BLOBS)), centroids[0]) or MEAN_HINT,
    )
    # At convergence each centroid is the mean of the points labelled with it.
    for seed in (8, 9):
        call, centroids, labels = _run_kmeans(student, BLOBS, 2, seed)
        _expect_means(BLOBS, centroids, labels, call)


def test_runs_to_a_fixed_point_not_a_single_iteration(student):
    for seed in (0, 1, 2, 3):
        call, centroids, labels = _run_kmeans(student, SCATTER, 3, seed, iters=300)
        # One more Lloyd iteration, here in float64: ASSIGN, then UPDATE with those labels.
        d2 = _squared_distances(SCATTER, centroids)  # (n, k)
        relabelled = _not_nearest(SCATTER, centroids, labels)
        new_labels = labels.copy()
        new_labels[relabelled] = d2[relabelled].argmin(axis=1)
        moves = []
        for j in range(3):
            members = new_labels == j
            if members.any():
                mean = SCATTER[members].mean(axis=0)  # (d,)
                if np.any(np.abs(centroids[j] - mean) > MEAN_ATOL + MEAN_RTOL * np.abs(mean)):
                    moves.append((float(np.linalg.norm(centroids[j] - mean)), j, mean))
        if not moves and len(relabelled) == 0:
            continue
        parts = []
        hint = (
            "Likely cause: the loop stops after its first iteration (a `return` or `break` "
            "inside the loop body, or an inverted stop test such as "
            "`if not np.allclose(new, old): break`)"
        )
        if moves:
            distance, j, mean = max(moves)
            parts.append(
                f"centroid {j} is at {_vector(centroids[j])} but the mean of its points is "
                f"{_vector(mean)} (it would move by {distance:.3g})"
            )
            members = np.flatnonzero(labels == j)
            if len(members):
                hint = _median_or_sum_hint(SCATTER, members, centroids[j]) or hint
        if len(relabelled):
            parts.append(f"{len(relabelled)} of 30 labels would change")
        if _all_farthest(SCATTER, centroids, labels):
            hint = FARTHEST_HINT
        raise AssertionError(
            f"{call} did not return a fixed point: one more Lloyd iteration (assign every "
            f"point to its nearest returned centroid, move every centroid to the mean of its "
            f"points) still changes the answer: {'; '.join(parts)}. Lloyd's algorithm repeats "
            f"ASSIGN and UPDATE until an iteration changes nothing (every start converges "
            f"within 13 iterations here). {hint}"
        )


def test_labels_match_the_returned_centroids_when_iters_run_out(student):
    # The loop runs out before convergence from 97.6 % of the starts with iters = 1, and from
    # 83.5 % with iters = 2 (see SCATTER); the labels must fit the returned centroids anyway.
    for seed, iters in [(0, 1), (1, 1), (2, 1), (3, 1), (4, 2), (5, 2)]:
        call, centroids, labels = _run_kmeans(student, SCATTER, 3, seed, iters=iters)
        bad = _not_nearest(SCATTER, centroids, labels)
        if len(bad) == 0:
            continue
        d2 = _squared_distances(SCATTER, centroids)  # (n, k)
        i = int(bad[0])
        nearest = int(np.argmin(d2[i]))
        hint = (
            f"With iters={iters} the loop runs out before convergence, and these labels were "
            f"computed before the last UPDATE moved the centroids (stale labels). After the "
            f"loop, assign the points once more to the centroids you return"
        )
        if _all_farthest(SCATTER, centroids, labels):
            hint = FARTHEST_HINT
        raise AssertionError(
            f"{call}: the labels do not belong to the returned centroids. Point {i} has "
            f"label {labels[i]} (distance {math.sqrt(d2[i, labels[i]]):.4g}), but returned "
            f"centroid {nearest} is nearer (distance {math.sqrt(d2[i, nearest]):.4g}); "
            f"{len(bad)} of 30 points are like this. {hint}"
        )


def test_iters_1_runs_one_round_not_zero(student):
    # One round moves every centroid to the mean of its points. Checked over all 4060 starts
    # of SCATTER: after one round at least one centroid is 0.027 or more away from every row
    # of X (a cluster of one point keeps its row, but never all three clusters at once), so
    # three centroids that are all rows of X never moved: the loop ran zero rounds.
    for seed in (0, 1, 2, 3):
        call, centroids, _ = _run_kmeans(student, SCATTER, 3, seed, iters=1)
        gaps = np.sqrt(_squared_distances(centroids, SCATTER).min(axis=1))  # (k,)
        if np.any(gaps > 1e-6):
            continue
        raise AssertionError(
            f"{call} returned the centroids {centroids.tolist()}, all three of them rows of X: "
            f"the start, which never moved. iters=1 means one round of ASSIGN + UPDATE, and "
            f"after one round on these 30 points some centroid is always a mean of several "
            f"points. Likely cause: an off-by-one in the loop count, such as "
            f"`for _ in range(1, iters)` or `range(iters - 1)`; use `for _ in range(iters)`"
        )


def test_recovers_two_separated_blobs_from_any_start(student):
    for seed in (10, 11, 12):
        call, centroids, labels = _run_kmeans(student, BLOBS, 2, seed)
        # Same partition up to renaming the clusters: each cluster holds exactly one blob.
        pairs = set(zip(labels.tolist(), BLOB_OF.tolist(), strict=True))
        if len(pairs) == 2 and len({label for label, _ in pairs}) == 2:
            continue
        found = [int((labels == j).sum()) for j in range(2)]
        raise AssertionError(
            f"{call} did not find the two blobs (13 points near the origin, 8 near "
            f"(8, -7, 4), far apart): got clusters of {found[0]} and {found[1]} points, "
            f"mixing the blobs, with centroids {_vector(centroids[0])} and "
            f"{_vector(centroids[1])}. From any start of 2 distinct points, Lloyd's algorithm "
            f"ends at the two blobs on this data within 3 iterations. Likely cause: the "
            f"ASSIGN or the UPDATE step is wrong (the tests named for them say more)"
        )


# Five distinct points in 2-D: with k = n every start is all five rows, in some order, and
# that start is already a fixed point (each point is nearest to itself, the mean of one point).
FIVE = np.array([[0.0, 0.0], [3.0, 1.0], [1.0, 4.0], [5.0, 5.0], [2.0, -2.0]])


def test_k_equal_n_gives_every_point_its_own_cluster(student):
    # Closed form: from k = n distinct rows every point is its own centroid, whatever the order.
    # A start drawn WITH replacement repeats a row (all five distinct only 3.8 % of the time),
    # a cluster then empties and some other cluster holds two points.
    for seed in (16, 17, 18):
        call, centroids, labels = _run_kmeans(student, FIVE, 5, seed)
        own = np.all(np.abs(centroids[labels] - FIVE) <= 1e-12, axis=1)  # (n,)
        if np.all(own) and len(set(labels.tolist())) == 5:
            continue
        sizes = sorted(np.bincount(labels, minlength=5).tolist(), reverse=True)
        hint = (
            "Likely cause: the start is drawn with replacement, so a row can be picked twice "
            "(np.random.choice(n, k) without replace=False, or np.random.randint). Use "
            "np.random.choice(n, k, replace=False)"
        )
        if _all_farthest(FIVE, centroids, labels):
            hint = FARTHEST_HINT
        raise AssertionError(
            f"{call} on 5 distinct points with k = 5: got clusters of sizes {sizes}, expected "
            f"every point alone in its own cluster, its centroid on it (the start is then all "
            f"5 rows). {hint}"
        )


def test_same_seed_gives_the_same_clustering(student):
    # After one round the result still depends on the start: the 4060 starts of SCATTER give
    # 2258 different one-round results, so two unrelated starts agree about 0.1 % of the time.
    for seed in (30, 31):
        first = _run_kmeans(student, SCATTER, 3, seed, iters=1)
        call, centroids, labels = _run_kmeans(student, SCATTER, 3, seed, iters=1)
        if np.array_equal(centroids, first[1]) and np.array_equal(labels, first[2]):
            continue
        raise AssertionError(
            f"{call}, called twice, returned different centroids: {first[1].tolist()} and "
            f"then {centroids.tolist()}. The statement asks for a start drawn with NumPy's "
            f"global generator, so that np.random.seed(s) makes a run repeatable (the grader "
            f"relies on it). Likely cause: a generator np.random.seed does not control, such "
            f"as np.random.default_rng() or Python's random.sample; use "
            f"np.random.choice(n, k, replace=False)"
        )


def test_different_seeds_give_different_starts(student):
    # From a random start the one-round results of 4 seeds all coincide with probability
    # below 1e-7 (the sum of p^4 over SCATTER's one-round results, p their frequencies).
    results = [_run_kmeans(student, SCATTER, 3, seed, iters=1) for seed in (40, 41, 42, 43)]
    shown = [sorted(np.round(c, 6).tolist()) for _, c, _ in results]
    if any(s != shown[0] for s in shown[1:]):
        return
    raise AssertionError(
        f"`kmeans(X, 3, iters=1)` after np.random.seed(40), (41), (42) and (43) returned the "
        f"same centroids every time, {shown[0]}: the start does not depend on the seed. It "
        f"must be k rows of X drawn at random (restarts rely on it too). Likely cause: kmeans "
        f"seeds the generator itself (np.random.seed(0) or np.random.default_rng(0) inside), "
        f"or always starts from the same rows (X[:k]); draw the start with "
        f"np.random.choice(n, k, replace=False) and leave the seeding to the caller"
    )


# ---- stability -------------------------------------------------------------------------------


def test_empty_cluster_keeps_a_finite_centroid(student):
    base = np.array([[0.0, 0.0], [4.0, 0.0], [0.0, 4.0], [4.0, 4.0], [2.0, 9.0]])
    rng = np.random.default_rng(13)
    repeated = base[rng.permutation(np.repeat(np.arange(5), 3))]  # (15, 2): 5 points x 3
    pairs = np.repeat(base[:3], 2, axis=0)  # (6, 2): 3 points x 2
    same = np.tile([[1.5, -2.0]], (4, 1))  # (4, 2): one point x 4
    # More clusters than distinct points: two starting centroids coincide, the tie sends all
    # their points to one of them, and the other cluster has no members.
    cases = [
        (repeated, 6, 0, "15 points, 5 distinct, k = 6"),
        (repeated, 6, 1, "15 points, 5 distinct, k = 6"),
        (pairs, 6, 2, "6 points, 3 distinct, k = n = 6"),
        (same, 2, 3, "4 copies of one point, k = 2"),
    ]
    for X, k, seed, text in cases:
        call = f"`kmeans(X, {k})` after np.random.seed({seed}) on {text}"
        result = student.probe(seeded_kmeans, for_function="kmeans", X=X, k=k, seed=seed)
        centroids, labels = _split_result(result, call, *X.shape, k)
        expect_finite(
            centroids,
            f"the centroid array returned by {call}",
            "With more clusters than distinct points some cluster gets no points, and the "
            "mean of no points is 0/0 = nan (NumPy warns 'Mean of empty slice'). An empty "
            "cluster must keep a finite centroid: keep its previous position (or move it to a "
            "data point)",
        )
        bad = _not_nearest(X, centroids, labels)
        if len(bad):
            i = int(bad[0])
            hint = (
                "With duplicate points several centroids can sit at the same place: any of "
                "the equally near ones is fine, a farther one is not"
            )
            if _all_farthest(X, centroids, labels):
                hint = FARTHEST_HINT
            raise AssertionError(
                f"{call}: point {i} {_vector(X[i])} has label {labels[i]}, but another "
                f"returned centroid is nearer. {hint}"
            )


# ---- complexity ------------------------------------------------------------------------------

# BLOBS converges within 3 iterations from any start, so a loop that stops at the fixed point
# does the same work for iters = ITERS_SMALL and iters = ITERS_LARGE; one that always runs
# `iters` iterations does ITERS_LARGE / ITERS_SMALL = 100 times the work for the second. The
# work is counted, not timed: a probe counts the Python trace events (lines and calls,
# sys.settrace; the student's code and NumPy's Python code alike) of one call at each iters,
# both after the same np.random.seed, so from the same start. Every iteration runs at least
# the `for` line, however vectorised its body. Measured on the variants: every loop that stops
# does exactly the same count at both (ratio 1.0); one that never stops 96x (plain loops) to
# 98x (vectorised). The limit, 10x, sits in the middle on a log scale, and a count cannot
# depend on how busy the machine is. The large call is cut off once it passes RATIO_LIMIT
# times the small call's count, so a loop that never stops is not run out (0.3 s of CPU at
# most for the slowest variant, 3.5 s uncut).
ITERS_SMALL, ITERS_LARGE = 20, 2_000
RATIO_LIMIT = 10
COUNT_SEED = 15


def probe_count_kmeans_steps(ns, X, k, seed, iters_small, iters_large, ratio_limit):
    """Runs in the worker: the trace events of kmeans(X, k, iters_small) and, cut off after
    ratio_limit times as many, of kmeans(X, k, iters_large), each after np.random.seed(seed)."""
    import sys

    import numpy as np

    kmeans = ns["kmeans"]

    class TooManySteps(BaseException):
        """Ends the large call once it has done more than the limit allows."""

    def count(iters, cap):
        events = [0]

        def tracer(frame, event, arg):
            events[0] += 1
            if events[0] > cap:
                raise TooManySteps
            return tracer  # trace the lines of every frame too

        np.random.seed(seed)
        sys.settrace(tracer)
        try:
            kmeans(X, k, iters)
        except TooManySteps:
            pass
        finally:
            sys.settrace(None)
        return events[0]

    np.random.seed(seed)
    kmeans(X, k, iters_small)  # warm-up, not counted: first-call costs are not iterations
    small = count(iters_small, cap=10**7)
    large = count(iters_large, cap=ratio_limit * small)
    return {"small": small, "large": large, "stopped": large > ratio_limit * small}


def test_stops_once_the_centroids_stop_moving(student):
    student.kmeans(BLOBS, 2, ITERS_SMALL)  # a missing or failing kmeans, named as such
    counts = student.probe(
        probe_count_kmeans_steps,
        for_function="kmeans",
        X=BLOBS,
        k=2,
        seed=COUNT_SEED,
        iters_small=ITERS_SMALL,
        iters_large=ITERS_LARGE,
        ratio_limit=RATIO_LIMIT,
    )
    small, large = (
        (counts.get("small"), counts.get("large")) if isinstance(counts, dict) else (0, 0)
    )
    if not all(isinstance(c, int) and c >= 1 for c in (small, large)):
        raise AssertionError(
            f"`kmeans` could not be traced (the step counts came back as {describe(counts)}): "
            f"leave sys.settrace alone"
        )
    if large <= RATIO_LIMIT * small:
        return
    cut_off = counts.get("stopped") is True  # the large call was stopped at the limit
    shown = f"more than {RATIO_LIMIT * small}" if cut_off else str(large)
    ratio = f"more than {RATIO_LIMIT}x" if cut_off else f"{large / small:.0f}x"
    raise AssertionError(
        f"`kmeans(X, 2, iters)` on 21 points that converge within 3 iterations from any start "
        f"ran {small} Python steps (lines and calls) with iters={ITERS_SMALL} and {shown} with "
        f"iters={ITERS_LARGE}, from the same start: {ratio} the work, expected the same (limit "
        f"{RATIO_LIMIT}x; running every iteration gives about {ITERS_LARGE // ITERS_SMALL}x). "
        f"`iters` is an upper bound, not a count: stop as soon as the centroids stop moving "
        f"(if np.allclose(new_centroids, centroids): break)"
    )


# ---- optional follow-ups (correctness) -------------------------------------------------------

# A 3x3 grid around (0, 0, 0.5) and one far point (5, 0, 0.5) at row 4.
GRID = np.array([[x, y, 0.5] for x in (-1.0, 0.0, 1.0) for y in (-1.0, 0.0, 1.0)])
FAR_ROW = 4
SPREAD = np.insert(GRID, FAR_ROW, [5.0, 0.0, 0.5], axis=0)  # (10, 3)
TRIALS = 1000
FALSE_FAILURE = 1e-6  # chance that a correct k-means++ fails this test, at most


def _binomial_band(trials: int, p: float, alpha: float) -> tuple[int, int]:
    """(lo, hi) with P(count < lo) <= alpha / 2 and P(count > hi) <= alpha / 2, for a count
    ~ Binomial(trials, p), from the exact probabilities."""
    log_pmf = [
        math.lgamma(trials + 1)
        - math.lgamma(c + 1)
        - math.lgamma(trials - c + 1)
        + c * math.log(p)
        + (trials - c) * math.log1p(-p)
        for c in range(trials + 1)
    ]
    pmf = [math.exp(v) for v in log_pmf]
    lo, below = 0, 0.0
    while below + pmf[lo] <= alpha / 2:
        below += pmf[lo]
        lo += 1
    hi, above = trials, 0.0
    while above + pmf[hi] <= alpha / 2:
        above += pmf[hi]
        hi -= 1
    return lo, hi


def _far_point_probability() -> float:
    """P(the far point is among the 2 k-means++ picks), exactly: it is the first pick with
    probability 1/n; after a grid point g, it is the second with D(far)^2 / sum_x D(x)^2."""
    n = len(SPREAD)
    p = 1.0 / n
    for g in range(n):
        if g == FAR_ROW:
            continue
        d2 = ((SPREAD - SPREAD[g]) ** 2).sum(axis=1)  # (n,) squared distances to the first pick
        p += (1.0 / n) * d2[FAR_ROW] / d2.sum()
    return p


def test_kmeans_plus_plus_picks_a_far_point_with_probability_d_squared(student):
    draws = student.probe(
        seeded_kmeans_plus_plus_draws,
        for_function="kmeans_plus_plus_init",
        X=SPREAD,
        k=2,
        trials=TRIALS,
        seed=14,
    )
    if not isinstance(draws, list) or len(draws) != TRIALS:
        raise AssertionError(f"`kmeans_plus_plus_init` draws: got {describe(draws)}")
    first_far = both_far = 0
    for t, draw in enumerate(draws):
        name = f"`kmeans_plus_plus_init(X, 2)` (call {t + 1} after np.random.seed(14))"
        picks = expect_array(draw, name, shape=(2, 3), shape_note="k rows of X, d = 3 columns")
        rows = []
        for pick in picks:
            match = np.flatnonzero(np.all(np.abs(SPREAD - pick) <= 1e-12, axis=1))
            if len(match) != 1:
                raise AssertionError(
                    f"{name} returned the centroid {_vector(pick)}, which is not a row of X: "
                    f"k-means++ starts from data points"
                )
            rows.append(int(match[0]))
        if rows[0] == rows[1]:
            raise AssertionError(
                f"{name} picked row {rows[0]} twice: a chosen point has D(x)^2 = 0, so it "
                f"cannot be drawn again"
            )
        first_far += rows[0] == FAR_ROW
        both_far += FAR_ROW in rows
    # Oracles: the first pick is uniform (1/n); the far point's overall chance is exact above.
    # Each count must fall in its exact binomial band; together they fail a correct
    # implementation with probability below FALSE_FAILURE.
    checks = [
        (
            first_far,
            1.0 / len(SPREAD),
            "was the first pick",
            "The first centroid is drawn uniformly: np.random.randint(n) or np.random.choice(n)",
        ),
        (
            both_far,
            _far_point_probability(),
            "was one of the two picks",
            "Each next centroid is drawn with probability D(x)^2 / sum D^2, D(x) the distance "
            "to the nearest centroid chosen so far: np.random.choice(n, p=d2 / d2.sum()). "
            "Weights D(x) (no square) give about 35 %, a uniform draw 20 %, always taking "
            "the farthest point 100 %",
        ),
    ]
    for count, p, what, hint in checks:
        lo, hi = _binomial_band(TRIALS, p, FALSE_FAILURE / len(checks))
        if not lo <= count <= hi:
            raise AssertionError(
                f"Over {TRIALS} calls of `kmeans_plus_plus_init(X, 2)` on 9 grid points and "
                f"one far point (row {FAR_ROW}), the far point {what} {count} times "
                f"({count / TRIALS:.1%}), expected about {p:.1%} ({lo} to {hi} times; a "
                f"correct k-means++ lands outside with probability below 1e-6). {hint}"
            )


# Three blobs (8, 4 and 4 points); kmeans_restarts is given these runs of kmeans in turn.
TRIPLE = np.array(
    [
        [0.2, 0.1], [9.6, -0.1], [10.6, 0.5], [0.2, 0.4], [11.1, 2.4], [10.1, 3.1],
        [10.0, -0.1], [0.5, 0.2], [8.6, 2.1], [0.0, 0.3], [-0.2, 0.3], [9.9, 2.8],
        [-0.3, 0.3], [10.0, -0.1], [-0.4, -0.1], [0.2, -0.7],
    ]
)  # fmt: skip


def _lloyd_from(X: np.ndarray, rows: list[int]) -> tuple[np.ndarray, np.ndarray]:
    """A fixed point of Lloyd's algorithm from the start X[rows] (float64, trusted)."""
    centroids = X[rows].copy()  # (k, d)
    labels = np.full(len(X), -1)
    while True:
        new_labels = _squared_distances(X, centroids).argmin(axis=1)  # (n,)
        if np.array_equal(new_labels, labels):
            return centroids, labels
        labels = new_labels
        for j in range(len(centroids)):
            if np.any(labels == j):
                centroids[j] = X[labels == j].mean(axis=0)


def _inertia(X: np.ndarray, centroids: np.ndarray, labels: np.ndarray) -> float:
    return float(((X - centroids[labels]) ** 2).sum())


def test_restarts_keep_the_run_with_the_lowest_inertia(student):
    # Fixed points of Lloyd's algorithm on this data from four starts: one point in each blob
    # (inertia 6.08, the best), and three starts with two points in the big blob, which end
    # with it split in two and the other blobs merged (inertias 18.35, 19.12 and 18.63).
    starts = ([0, 1, 4], [0, 1, 15], [0, 3, 9], [0, 1, 3])
    runs = [_lloyd_from(TRIPLE, rows) for rows in starts]
    inertias = [_inertia(TRIPLE, c, lab) for c, lab in runs]
    best = int(np.argmin(inertias))
    orders = [[1, best, 2, 3], [best, 1, 2, 3], [1, 2, 3, best]]  # best in the middle, first, last
    for order in orders:
        given = [runs[i] for i in order]
        reply = student.probe(
            restarts_over_given_runs,
            for_function="kmeans_restarts",
            X=TRIPLE,
            k=3,
            n_init=len(order),
            runs=given,
        )
        calls = reply["calls"]
        listing = ", ".join(f"{inertias[i]:.2f}" for i in order)
        call = (
            f"`kmeans_restarts(X, 3, n_init={len(order)})` (its `kmeans` returned runs with "
            f"inertias {listing}, in that order)"
        )
        if calls != len(order):
            raise AssertionError(
                f"{call} called `kmeans` {calls} time(s), expected {len(order)}: run your "
                f"`kmeans(X, k)` once per restart, n_init times"
            )
        centroids, labels = _split_result(reply["result"], call, len(TRIPLE), 2, 3)
        same = [
            i
            for i, (c, lab) in enumerate(given)
            if np.allclose(centroids, c, rtol=0, atol=1e-12) and np.array_equal(labels, lab)
        ]
        if not same:
            raise AssertionError(
                f"{call} returned centroids {centroids.tolist()}, which are none of the runs: "
                f"return the best run's (centroids, labels) as `kmeans` gave them"
            )
        got = _inertia(TRIPLE, centroids, labels)
        if got > min(inertias) + 1e-9:
            raise AssertionError(
                f"{call} returned run {same[0] + 1}, of inertia {got:.2f}; the lowest is "
                f"{min(inertias):.2f}. Keep the run with the LOWEST inertia, "
                f"sum_i ||x_i - centroids[labels[i]]||^2 (squared distances), over all n_init "
                f"runs, not the first or the last"
            )


# Three points on a line, k = 3: after two picks the only point with D(x) > 0 is the third.
LINE = np.array([[0.0, 0.0], [1.0, 0.0], [100.0, 0.0]])
LINE_TRIALS = 20


def test_kmeans_plus_plus_weighs_by_the_nearest_chosen_centroid_not_the_last(student):
    # Closed form: D(x) is the distance to the NEAREST centroid chosen so far, so both chosen
    # points have D = 0 and the third pick is the remaining row, always. Weighing by the
    # distance to the last pick only gives the first pick weight again: it is drawn a second
    # time in 67 % of the calls (exactly 0.6666), and in none of 20 calls with probability 3e-10.
    draws = student.probe(
        seeded_kmeans_plus_plus_draws,
        for_function="kmeans_plus_plus_init",
        X=LINE,
        k=3,
        trials=LINE_TRIALS,
        seed=19,
    )
    if not isinstance(draws, list) or len(draws) != LINE_TRIALS:
        raise AssertionError(f"`kmeans_plus_plus_init` draws: got {describe(draws)}")
    for t, draw in enumerate(draws):
        name = f"`kmeans_plus_plus_init(X, 3)` on the points 0, 1 and 100 of a line (call {t + 1})"
        picks = expect_array(draw, name, shape=(3, 2), shape_note="k rows of X, d = 2 columns")
        rows = []
        for pick in picks:
            match = np.flatnonzero(np.all(np.abs(LINE - pick) <= 1e-12, axis=1))
            if len(match) != 1:
                raise AssertionError(
                    f"{name} returned the centroid {_vector(pick)}, which is not a row of X: "
                    f"k-means++ starts from data points"
                )
            rows.append(int(match[0]))
        if len(set(rows)) < 3:
            raise AssertionError(
                f"{name} picked the rows {rows}: a row twice. After two picks only the third "
                f"point is away from every chosen centroid. D(x) is the distance to the "
                f"NEAREST centroid chosen so far (the minimum over all of them, e.g. "
                f"d2 = np.minimum(d2, new_d2) after each pick), not to the last one; a chosen "
                f"point then has D = 0 and cannot be drawn again"
            )


def test_kmeans_plus_plus_same_seed_gives_the_same_picks(student):
    # Two calls of 2 draws each (k = 3 on SPREAD's 10 rows): two unrelated k-means++ runs of
    # 2 draws agree with probability 3.4e-5 per seed (exact, summed over the D^2 draws).
    for seed in (20, 21):
        runs = [
            student.probe(
                seeded_kmeans_plus_plus_draws,
                for_function="kmeans_plus_plus_init",
                X=SPREAD,
                k=3,
                trials=2,
                seed=seed,
            )
            for _ in range(2)
        ]
        arrays = []
        for run in runs:
            if not isinstance(run, list) or len(run) != 2:
                raise AssertionError(f"`kmeans_plus_plus_init` draws: got {describe(run)}")
            for draw in run:
                name = f"`kmeans_plus_plus_init(X, 3)` after np.random.seed({seed})"
                arrays.append(expect_array(draw, name, shape=(3, 3), shape_note="k rows of X"))
        if all(np.array_equal(a, b) for a, b in zip(arrays[:2], arrays[2:], strict=True)):
            continue
        raise AssertionError(
            f"`kmeans_plus_plus_init(X, 3)` after np.random.seed({seed}) picked "
            f"{arrays[0].tolist()} the first time and {arrays[2].tolist()} the second: the same "
            f"seed must give the same picks. Likely cause: a generator np.random.seed does not "
            f"control (np.random.default_rng(), Python's random); draw with np.random.choice"
        )


# Two fixed points of Lloyd's algorithm on SCATTER (k = 3), from the starts below: the first
# has the smaller sum of distances (63.36 against 63.93), the second the smaller inertia, the
# sum of SQUARED distances (171.13 against 174.24), which is what restarts minimise.
RANKED_STARTS = ([0, 1, 27], [0, 1, 2])


def test_restarts_rank_runs_by_squared_distances_not_distances(student):
    runs = [_lloyd_from(SCATTER, rows) for rows in RANKED_STARTS]
    inertias = [_inertia(SCATTER, c, lab) for c, lab in runs]
    reply = student.probe(
        restarts_over_given_runs,
        for_function="kmeans_restarts",
        X=SCATTER,
        k=3,
        n_init=2,
        runs=runs,
    )
    call = (
        f"`kmeans_restarts(X, 3, n_init=2)` (its `kmeans` returned runs of inertia "
        f"{inertias[0]:.2f} and then {inertias[1]:.2f})"
    )
    centroids, labels = _split_result(reply["result"], call, len(SCATTER), 2, 3)
    best_c, best_labels = runs[1]
    if np.allclose(centroids, best_c, rtol=0, atol=1e-12) and np.array_equal(labels, best_labels):
        return
    hint = "Keep the run with the lowest inertia, sum_i ||x_i - centroids[labels[i]]||^2"
    first_c, first_labels = runs[0]
    if np.allclose(centroids, first_c, rtol=0, atol=1e-12) and np.array_equal(labels, first_labels):
        hint = (
            "You kept the run with the smaller sum of DISTANCES (63.36 against 63.93), but "
            "the inertia sums SQUARED distances: sum_i euclidean(x_i, c)**2, not "
            "sum_i euclidean(x_i, c)"
        )
    raise AssertionError(
        f"{call} did not return the run of inertia {inertias[1]:.2f}, the lowest. {hint}"
    )


def test_restarts_draw_a_new_start_for_every_run(student):
    # The stand-in kmeans draws np.random.random_sample() first, as a real start would: four
    # runs from the global stream give four different draws (a tie has probability ~1e-15).
    runs = [_lloyd_from(SCATTER, rows) for rows in RANKED_STARTS]
    reply = student.probe(
        restarts_over_given_runs,
        for_function="kmeans_restarts",
        X=SCATTER,
        k=3,
        n_init=4,
        runs=runs,
    )
    call = "`kmeans_restarts(X, 3, n_init=4)`"
    if reply["calls"] != 4:
        raise AssertionError(
            f"{call} called `kmeans` {reply['calls']} time(s), expected 4: run your "
            f"`kmeans(X, k)` once per restart, n_init times"
        )
    draws = reply["draws"]
    if len(set(draws)) > 1:
        return
    raise AssertionError(
        f"{call} called `kmeans` 4 times with NumPy's generator in the same state every time "
        f"(a draw at the start of each call gave {draws[0]:.6f} each time): every run would "
        f"start from the same rows, so the restarts repeat one run. Likely cause: "
        f"np.random.seed(...) with a constant before each run; leave the seeding to the "
        f"caller, so each run continues the random stream (a different seed per run, "
        f"np.random.seed(i), is fine too)"
    )
