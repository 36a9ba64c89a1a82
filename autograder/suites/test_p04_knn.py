"""Grading suite for p04_knn.

The student writes `euclidean(a, b)`, `knn_predict_one(X_train, y_train, query, k=5)`,
`knn_predict_batch(X_train, y_train, X_query, k=5)` and, as an optional follow-up,
`knn_neighbors(X_train, X_query, k=5)`.
Letters: n training points (rows of `X_train`), d features, Q query points (rows of
`X_query`), k neighbours. Labels are non-negative ints, not necessarily 0..C-1.

Every expected value is computed in this file, in float64, from the definition, never from a
solution:
    dist(q, x) = sqrt(sum_j (q_j - x_j)^2), from the differences themselves (no expansion)
    the k nearest = np.argsort(dist, kind="stable")[:k], nearest first (all n when k >= n)
    vote: the label with the most votes among the k; a tie goes to the tied label whose
          nearest member is closest (the first tied label met, walking nearest first)
Inputs are drawn from continuous distributions, so no two distances tie where it matters
(at the k-th place, or between the nearest members of tied labels); the one test with equal
distances (a training point stored twice) has them inside the k. Vote ties happen only in the
two tests written for them (one query, batch); elsewhere a query whose vote is tied is not
checked, so a tie-breaking slip costs those tests only. Each test is named for the gotcha it
catches; categories and points live in grading.yml. The complexity test counts Python steps and
measures CPU time inside the worker (never wall-clock time), so its verdict does not depend on
how busy the machine is: a thread's CPU time grows only while it runs, not while others have the
core.
"""

import numpy as np

from autograder.checks import (
    assert_close,
    describe,
    expect_array,
    expect_inputs_unchanged,
    expect_scalar,
    fastest_cpu_seconds,
)

EUCLIDEAN = "`euclidean(a, b)`"
ONE = "`knn_predict_one(X_train, y_train, query, k)`"
BATCH = "`knn_predict_batch(X_train, y_train, X_query, k)`"
NEIGHBORS = "`knn_neighbors(X_train, X_query, k)`"

# (n, d, Q, k), all different from each other, plus a single query and k = 1.
BATCH_SHAPES = [(30, 4, 7, 3), (12, 9, 1, 5), (50, 2, 13, 1), (23, 6, 5, 4)]

FAR_HINT = (
    "Likely cause: the expansion ||a||^2 + ||b||^2 - 2 a.b. Far from the origin each term is "
    "~1e16 to 1e17 and float64 keeps ~16 significant digits, so squared distances below ~10 "
    "drown in rounding error (some come out negative). Clamping with np.maximum(d2, 0) only "
    "hides the negatives; it cannot bring the lost digits back. Compute the differences "
    "directly, X_train - query, or subtract X_train's mean from both sets before expanding"
)


# ---- float64 oracles (the definitions above) -------------------------------------------------


def _distances(X: np.ndarray, q: np.ndarray) -> np.ndarray:
    """Euclidean distance from `q` (d,) to every row of `X` (n, d), from the differences."""
    return np.sqrt(((X - q) ** 2).sum(axis=1))  # (n,)


def _nearest(X: np.ndarray, q: np.ndarray, k: int) -> np.ndarray:
    """Indices of the min(k, n) nearest rows of X, nearest first."""
    return np.argsort(_distances(X, q), kind="stable")[:k]  # (min(k, n),)


def _vote(labels: list[int]) -> tuple[int, list[int]]:
    """(winner, tied): the label with the most votes, ties to the first met; `tied` lists
    every label with the top count (more than one means the vote was tied)."""
    counts: dict[int, int] = {}
    for label in labels:
        counts[label] = counts.get(label, 0) + 1
    top = max(counts.values())
    tied = [label for label in counts if counts[label] == top]  # in first-met order
    return tied[0], tied


def _oracle(X: np.ndarray, y: np.ndarray, q: np.ndarray, k: int) -> tuple[int, list[int]]:
    return _vote([int(label) for label in y[_nearest(X, q, k)]])


def _farthest_vote(X: np.ndarray, y: np.ndarray, q: np.ndarray, k: int) -> int:
    """What a vote among the k FARTHEST points gives (the sort-descending slip)."""
    order = np.argsort(-_distances(X, q), kind="stable")[:k]
    return _vote([int(label) for label in y[order]])[0]


def _reference_batch(X: np.ndarray, y: np.ndarray, Xq: np.ndarray, k: int) -> np.ndarray:
    """The oracle for a batch: one vectorised distance row per query (no loop over n)."""
    return np.array([_oracle(X, y, q, k)[0] for q in Xq])  # (Q,)


# ---- checks on returned values ---------------------------------------------------------------


def _expect_label(value: object, name: str) -> int:
    """One integer label (a Python int, a NumPy integer or a 0-d integer array)."""
    if value is None:
        raise AssertionError(f"{name} is None, expected a label: is a `return` missing?")
    if isinstance(value, tuple | list) and len(value) == 2:
        raise AssertionError(
            f"{name} is {describe(value)}, expected one label. Counter(...).most_common(1) "
            "returns [(label, count)]: the label is most_common(1)[0][0]"
        )
    if isinstance(value, np.ndarray) and value.ndim == 0:
        value = value[()]
    if isinstance(value, bool | np.bool_):
        raise AssertionError(f"{name} is a boolean ({value!r}), expected an integer label")
    if isinstance(value, int | np.integer):
        return int(value)
    if isinstance(value, float | np.floating):
        raise AssertionError(
            f"{name} is {describe(value)}, expected an integer label (an element of "
            "y_train): the labels are ints, keep them ints (e.g. no np.zeros(...) buffer)"
        )
    note = ""
    if isinstance(value, np.ndarray):
        note = ": return the winning label itself, not an array holding it"
    raise AssertionError(f"{name} is {describe(value)}, expected one integer label{note}")


def _expect_labels(value: object, name: str, num_queries: int, n: int = -1) -> np.ndarray:
    """A (Q,) NumPy array of integer labels."""
    note = "one label per query, in the order of the rows of X_query"
    if isinstance(value, np.ndarray) and value.ndim == 1 and len(value) == n != num_queries:
        note += f" ({n} = n: one value per training point; was the selection run along the "
        note += "wrong axis, or d2 built as (n, Q)?)"
    labels = expect_array(value, name, shape=(num_queries,), dtype_kind=None, shape_note=note)
    if labels.dtype.kind not in "iu":
        raise AssertionError(
            f"{name} has dtype {labels.dtype}, expected an integer array (the labels are ints): "
            "build it with np.array(list_of_labels), or np.empty(Q, dtype=y_train.dtype)"
        )
    return labels


def _label_hint(got: int, X, y, q, k: int, expected: int) -> str:
    """The likely cause of a wrong label, from what common slips would have returned."""
    if got == _farthest_vote(X, y, q, k) != expected:
        return (
            "That is the vote of the k FARTHEST points: sort the distances ascending, nearest "
            "first (no reverse=True, no [::-1] after np.argsort, no -distances)"
        )
    if got not in {int(label) for label in y}:
        nearest = int(_nearest(X, q, 1)[0])
        if got == nearest:
            return f"{got} is the index of the nearest point, not a label: return y_train[i]"
        return f"{got} is not one of the training labels {sorted({int(v) for v in y})}"
    return (
        "Take the min(k, n) smallest distances from the query to every training point, "
        "then the majority label among them"
    )


def _values_text(values) -> str:
    return "[" + ", ".join(f"{v:.4g}" for v in values) + "]"


# ---- data --------------------------------------------------------------------------------------


def _random_problem(seed: int, n: int, d: int, Q: int, labels=(1, 4, 6)):
    """Gaussian points; labels drawn from `labels`."""
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, d))  # (n, d)
    y = rng.choice(np.array(labels), size=n)  # (n,)
    Xq = rng.normal(size=(Q, d))  # (Q, d)
    return X, y, Xq


def _far_problem():
    """Six pockets of points around (1e8, -2e8, 1.5e8), 5 apart. In each pocket, 3 points of
    the pocket's own label within 0.1..0.35 of its centre and 9 of a ring label at 0.8..1.6; a
    query sits near each centre, so with k = 3 the answer is the pocket's label. The rows are
    shuffled, so picking neighbours at random (what lost digits amount to) does not work."""
    rng = np.random.default_rng(44)
    offset = np.array([1e8, -2e8, 1.5e8])
    points, labels, queries = [], [], []
    for j in range(6):
        centre = offset + 5.0 * np.array([j % 3, j // 3, (j * 7) % 3])  # (3,)
        for count, (low, high), label in [(3, (0.1, 0.35), j), (9, (0.8, 1.6), 10 + j)]:
            direction = rng.normal(size=(count, 3))
            direction /= np.linalg.norm(direction, axis=1, keepdims=True)  # (count, 3)
            radius = rng.uniform(low, high, size=(count, 1))
            points.append(centre + radius * direction)
            labels += [label] * count
        queries.append(centre + rng.uniform(-0.03, 0.03, size=3))
    order = rng.permutation(len(labels))
    X = np.concatenate(points)[order]  # (72, 3)
    y = np.array(labels)[order]  # (72,)
    return X, y, np.array(queries)  # (Q, d) = (6, 3)


# ---- shapes ----------------------------------------------------------------------------------


def test_euclidean_returns_one_number(student):
    rng = np.random.default_rng(0)
    for d in (1, 3, 7):
        a, b = rng.normal(size=d), rng.normal(size=d)
        expect_scalar(student.euclidean(a, b), f"{EUCLIDEAN} for two points of {d} features")


def test_predict_one_returns_a_single_label(student):
    for seed, (n, d, _, k) in enumerate(BATCH_SHAPES, start=1):
        X, y, Xq = _random_problem(seed, n, d, 1)
        _expect_label(student.knn_predict_one(X, y, Xq[0], k), f"{ONE} for n = {n}, k = {k}")


def test_batch_returns_one_int_label_per_query(student):
    for seed, (n, d, Q, k) in enumerate(BATCH_SHAPES, start=5):
        X, y, Xq = _random_problem(seed, n, d, Q)
        name = f"{BATCH} for (n, d, Q, k) = {(n, d, Q, k)}"
        _expect_labels(student.knn_predict_batch(X, y, Xq, k), name, Q, n)


# ---- correctness -----------------------------------------------------------------------------


def test_euclidean_is_sqrt_of_summed_squared_differences(student):
    rng = np.random.default_rng(10)
    for d in (1, 4, 10):
        a, b = rng.normal(scale=3.0, size=d), rng.normal(scale=3.0, size=d)
        got = expect_scalar(student.euclidean(a, b), EUCLIDEAN)
        expected = float(np.sqrt(np.sum((a - b) ** 2)))  # the definition, float64
        hint = "The distance is sqrt(sum_j (a_j - b_j)^2)"
        if np.isclose(got, expected**2, rtol=1e-9):
            hint = "That is the SQUARED distance: the square root is missing"
        elif np.isclose(got, np.abs(a - b).sum(), rtol=1e-9):
            hint = "That is the Manhattan (L1) distance sum |a_j - b_j|; square, sum, then sqrt"
        assert_close(
            got, expected, 1e-12, 1e-12, f"{EUCLIDEAN} for two points of {d} features", hint
        )


def test_predict_one_votes_among_nearest_not_farthest(student):
    # Five points of label 3 around the query, 25 of label 8 far away: the k = 5 nearest all
    # say 3, the 5 farthest all say 8.
    rng = np.random.default_rng(11)
    near = rng.normal(scale=0.5, size=(5, 4))
    far = rng.normal(size=(25, 4)) + 8.0 * np.sign(rng.normal(size=(25, 4)))
    order = rng.permutation(30)
    X = np.concatenate([near, far])[order]  # (30, 4)
    y = np.array([3] * 5 + [8] * 25)[order]  # (30,)
    cases = [(X, y, np.zeros(4), 5, "a query among 5 points of label 3, the other 25 far away")]
    # Random points, several k; queries whose vote is tied are left to their own test.
    X2, y2, Xq2 = _random_problem(12, 40, 3, 6)
    for k in (1, 3, 5, 8):
        for i, q in enumerate(Xq2):
            cases.append((X2, y2, q, k, f"random data, n = 40, query {i}"))
    for X_, y_, q, k, text in cases:
        expected, tied = _oracle(X_, y_, q, k)
        if len(tied) > 1:
            continue
        got = _expect_label(student.knn_predict_one(X_, y_, q, k), ONE)
        if got != expected:
            dist = _distances(X_, q)
            nearest = _nearest(X_, q, k)
            raise AssertionError(
                f"{ONE} with k = {k} ({text}): got label {got}, expected {expected}. The {k} "
                f"nearest points have labels {y_[nearest].tolist()} at distances "
                f"{_values_text(dist[nearest])}. {_label_hint(got, X_, y_, q, k, expected)}"
            )


def test_batch_matches_oracle_for_every_query(student):
    for seed, (n, d, Q, k) in enumerate(BATCH_SHAPES, start=20):
        X, y, Xq = _random_problem(seed, n, d, Q)
        name = f"{BATCH} for (n, d, Q, k) = {(n, d, Q, k)}"
        labels = _expect_labels(student.knn_predict_batch(X, y, Xq, k), name, Q, n)
        for i, q in enumerate(Xq):
            expected, tied = _oracle(X, y, q, k)
            if len(tied) > 1 or int(labels[i]) == expected:
                continue
            raise AssertionError(
                f"{name}: row {i} is {int(labels[i])}, expected {expected} (the majority of "
                f"labels {y[_nearest(X, q, k)].tolist()}, those of its {k} nearest training "
                f"points). {_label_hint(int(labels[i]), X, y, q, k, expected)}"
            )


def test_batch_partitions_each_query_row_not_each_column(student):
    # Training points 0..11 (label 9) sit far away; the other 18 form six pockets of 3 points
    # with labels 2 or 5, and each query sits in a pocket. Selecting along the wrong axis of the
    # (Q, n) distance matrix picks query indices 0..Q-1 as if they were training indices: label 9.
    rng = np.random.default_rng(13)
    n, Q, k = 30, 8, 3
    far = 50.0 + rng.normal(size=(12, 3))
    centres = 6.0 * rng.normal(size=(6, 3))
    pockets = np.repeat(centres, 3, axis=0) + rng.normal(scale=0.3, size=(18, 3))
    X = np.concatenate([far, pockets])  # (n, d) = (30, 3)
    y = np.array([9] * 12 + [2, 2, 2, 5, 5, 5] * 3)  # (n,)
    Xq = centres[[0, 1, 2, 3, 4, 5, 0, 3]] + rng.normal(scale=0.05, size=(Q, 3))  # (Q, d)
    name = f"{BATCH} for (n, d, Q, k) = {(n, 3, Q, k)}"
    labels = _expect_labels(student.knn_predict_batch(X, y, Xq, k), name, Q, n)
    expected = _reference_batch(X, y, Xq, k)  # the definition, one query at a time
    if np.array_equal(labels, expected):
        return
    hint = "Select the k smallest entries of each query's row of distances"
    if np.all(labels == 9):
        hint = (
            "Every query got label 9, the label of training points 0..Q-1: the selection "
            "ran down the columns (axis=0, across queries), so query indices were used as "
            "training indices. With d2 of shape (Q, n), use np.argpartition(d2, kth, axis=1) "
            "(or axis=-1) and take [:, :k]"
        )
    raise AssertionError(
        f"{name}: got labels {labels.tolist()}, expected {expected.tolist()}. {hint}"
    )


# Query at the origin. Case 1, k = 4: labels 7, 2, 2, 7 at distances 1.0, 1.5, 2.0, 2.9: 2 votes
# each, and 7's nearest member (1.0) beats 2's (1.5). The smallest label (2), the label met first
# in X_train (2), the label with the smaller distance sum (2) and a vote among k - 1 = 3 (2) all
# give 2. Case 2, k = 3: three labels one vote each; the nearest is 6, which is neither the
# smallest label nor the first in X_train.
_TIE_FAR = [[6.0, 1.0], [-5.5, 3.0], [0.5, -7.0]]
TIE_CASES = [
    ([[1.5, 0.0], [0.0, 2.0], [-1.0, 0.0], [0.0, -2.9]] + _TIE_FAR, [2, 2, 7, 7, 5, 5, 5], 4),
    ([[0.0, 1.7], [1.2, 0.0], [-0.9, -0.5], [0.0, -2.4]] + _TIE_FAR, [1, 4, 6, 4, 5, 5, 5], 3),
]


def _check_tie(got: int, name: str, X: np.ndarray, y: np.ndarray, k: int, hint: str) -> None:
    query = np.zeros(2)
    expected, tied = _oracle(X, y, query, k)
    if got == expected:
        return
    nearest = _nearest(X, query, k)
    raise AssertionError(
        f"{name} with k = {k}: got {got}, expected {expected}. The {k} nearest have labels "
        f"{y[nearest].tolist()} (nearest first, at distances "
        f"{_values_text(_distances(X, query)[nearest])}): a tie between {tied}. The rule: the "
        f"tied label whose nearest member is closest wins, here {expected}. {hint}"
    )


def test_predict_one_tie_goes_to_label_with_the_closest_neighbour(student):
    for points, labels, k in TIE_CASES:
        X, y = np.array(points), np.array(labels)  # (7, 2), (7,)
        got = _expect_label(student.knn_predict_one(X, y, np.zeros(2), k), ONE)
        _check_tie(
            got,
            ONE,
            X,
            y,
            k,
            "Walk the labels nearest first and take the first one with the top count "
            "(Counter(labels_nearest_first).most_common(1) does this; np.bincount(...).argmax() "
            "picks the smallest label, and a vote over the labels in X_train's order picks the "
            "one met first there)",
        )


def test_batch_tie_goes_to_label_with_the_closest_neighbour(student):
    for points, labels, k in TIE_CASES:
        X, y = np.array(points), np.array(labels)  # (7, 2), (7,)
        got = _expect_labels(student.knn_predict_batch(X, y, np.zeros((1, 2)), k), BATCH, 1, len(y))
        _check_tie(
            int(got[0]),
            BATCH + "[0]",
            X,
            y,
            k,
            "The batch votes by the same rule as knn_predict_one: list each row's k labels "
            "nearest first and take the first with the top count. A vectorised vote by "
            "np.bincount(row).argmax() picks the smallest tied label, and np.argpartition "
            "leaves the k in no particular order: sort them by distance first",
        )


def test_inputs_are_not_modified_in_place(student):
    X, y, Xq = _random_problem(14, 20, 3, 4)
    calls = [
        ("euclidean", (Xq[0], X[0]), ("a", "b")),
        ("knn_predict_one", (X, y, Xq[0], 3), ("X_train", "y_train", "query")),
        ("knn_predict_batch", (X, y, Xq, 3), ("X_train", "y_train", "X_query")),
    ]
    for function, args, names in calls:
        _, after = student.call_seeing_inputs(function, *args)
        expect_inputs_unchanged(
            function,
            names,
            args,
            after,
            "Likely cause: an in-place update such as `X_train -= X_train.mean(axis=0)` (centring) "
            "or `X_train.sort(...)`; write `centred = X_train - X_train.mean(axis=0)` instead",
        )


def test_duplicate_training_points_each_cast_a_vote(student):
    # Query at the origin, k = 4. Nearest first: label 2 at 0.9, then one point of label 1 stored
    # TWICE (rows 1 and 5) at 1.0, label 1 at 1.2; then label 2 at 1.5 and far away. The 4
    # nearest vote 2, 1, 1, 1: label 1. Merged into one (a dict keyed by distance, a set of
    # distances), the copies cast one vote, the point at 1.5 moves in, and 2, 1, 1, 2 is a tie
    # that 2 wins. The equal distances lie inside the k, not at the k-th place (1.2).
    X = np.array(
        [[0.9, 0.0], [0.0, 1.0], [-1.2, 0.0], [0.0, -1.5], [4.0, 4.0], [0.0, 1.0], [-5.0, 3.0]]
    )  # (n, d) = (7, 2)
    y = np.array([2, 1, 1, 2, 2, 1, 2])  # (n,)
    k = 4
    expected, _ = _oracle(X, y, np.zeros(2), k)  # 1
    hint = (
        f"Rows 1 and 5 are the same point (label 1, distance 1.0), and each row of X_train "
        f"casts its own vote: the {k} nearest labels are {y[_nearest(X, np.zeros(2), k)].tolist()}."
        " A dict keyed by distance (or a set of distances) keeps one entry per value; sort "
        "(distance, label) pairs or indices instead, so every point stays"
    )
    got = _expect_label(student.knn_predict_one(X, y, np.zeros(2), k), ONE)
    if got != expected:
        raise AssertionError(f"{ONE} with k = {k}: got {got}, expected {expected}. {hint}")
    got = _expect_labels(student.knn_predict_batch(X, y, np.zeros((1, 2)), k), BATCH, 1, len(y))
    if int(got[0]) != expected:
        raise AssertionError(
            f"{BATCH}[0] with k = {k}: got {int(got[0])}, expected {expected}. {hint}"
        )


def test_batch_centring_shifts_the_queries_too(student):
    # Six pockets of 3 points (labels 2 and 5 in turn) around (40, -30, 25), and five queries in
    # pockets 0, 0, 1, 3 and 4. Centring is a fix for the expansion only if the SAME mean is
    # subtracted from X_train and X_query: centring X_train alone leaves every query ~55 away
    # from all the centred points, and centring X_query on its own mean shifts it by ~2.
    rng = np.random.default_rng(21)
    centres = np.array([40.0, -30.0, 25.0]) + 4.0 * rng.normal(size=(6, 3))  # (6, d)
    order = rng.permutation(18)
    X = (np.repeat(centres, 3, axis=0) + rng.normal(scale=0.3, size=(18, 3)))[order]  # (18, 3)
    y = np.repeat([2, 5, 2, 5, 2, 5], 3)[order]  # (n,)
    Xq = centres[[0, 0, 1, 3, 4]] + rng.normal(scale=0.05, size=(5, 3))  # (Q, d) = (5, 3)
    k = 3
    name = f"{BATCH} for pockets around (40, -30, 25), (n, d, Q, k) = {(18, 3, 5, k)}"
    labels = _expect_labels(student.knn_predict_batch(X, y, Xq, k), name, len(Xq), len(y))
    expected = _reference_batch(X, y, Xq, k)  # each query's 3 nearest: its own pocket
    if not np.array_equal(labels, expected):
        raise AssertionError(
            f"{name}: got {labels.tolist()}, expected {expected.tolist()} (each query's 3 "
            "nearest points are the 3 of its own pocket, within ~1 of it). Likely cause: "
            "centring moved X_train and X_query by different amounts. A distance is unchanged "
            "only by a shift common to both points: subtract X_train.mean(axis=0) from X_train "
            "AND from X_query, never X_query's own mean"
        )


def _expect_neighbors(value: object, name: str, Q: int, n: int, k: int) -> np.ndarray:
    """A (Q, min(k, n)) integer array (type, then shape, then dtype)."""
    note = "one row per query holding its min(k, n) nearest training indices"
    got = expect_array(value, name, shape=(Q, min(k, n)), dtype_kind=None, shape_note=note)
    if got.dtype.kind not in "iu":
        cause = ""
        if got.dtype.kind == "f":
            cause = (
                ": distances or a float buffer (np.zeros) came back instead of the indices "
                "np.argsort gives (int64)"
            )
        raise AssertionError(f"{name} has dtype {got.dtype}, expected integer indices{cause}")
    return got


def _check_neighbors(student, X: np.ndarray, Xq: np.ndarray, k: int, hint: str) -> None:
    """Oracle: a stable argsort of the float64 distances, per query. `hint` is the likely cause
    this test is about, shown when no more specific one (farthest, unordered) explains it."""
    n, Q = len(X), len(Xq)
    name = f"{NEIGHBORS} for (n, Q, k) = {(n, Q, k)}"
    got = _expect_neighbors(student.knn_neighbors(X, Xq, k), name, Q, n, k)
    expected = np.array([_nearest(X, q, k) for q in Xq])  # (Q, min(k, n))
    if np.array_equal(got, expected):
        return
    row = int(np.argmax(np.any(got != expected, axis=1)))
    if np.array_equal(np.sort(got[row]), np.sort(expected[row])):
        hint = (
            "The right points, in the wrong order: np.argpartition returns the k smallest "
            "in no particular order; sort those k by their distance, "
            "idx[np.argsort(dist[idx])]"
        )
    elif np.array_equal(got[row], np.argsort(-_distances(X, Xq[row]), kind="stable")[:k]):
        hint = "Those are the FARTHEST points: sort ascending, nearest first"
    first = np.argmax(got[row] != expected[row])
    raise AssertionError(
        f"{name}: row {row} differs from position {first} on: got "
        f"{got[row][first : first + 8].tolist()}..., expected "
        f"{expected[row][first : first + 8].tolist()}.... {hint}"
    )


# The follow-up knn_neighbors, 2 points in four tests: shape, nearest (not farthest), in order,
# and k >= n.


def test_neighbors_returns_int_indices_of_shape_queries_by_min_k_n(student):
    for seed, (n, Q, k) in enumerate([(25, 6, 4), (12, 1, 1), (40, 3, 7)], start=30):
        X, _, Xq = _random_problem(seed, n, 3, Q)
        _expect_neighbors(
            student.knn_neighbors(X, Xq, k), f"{NEIGHBORS} for (n, Q, k) = {(n, Q, k)}", Q, n, k
        )


def test_neighbors_lists_the_nearest_not_the_farthest(student):
    X, _, Xq = _random_problem(15, 25, 4, 6)
    for k in (1, 4):
        _check_neighbors(
            student,
            X,
            Xq,
            k,
            "Row i lists the indices of query i's nearest training points, nearest first",
        )


def test_neighbors_are_sorted_nearest_first_for_a_large_k(student):
    # On AVX-512 machines NumPy's argpartition happens to return small selections already
    # sorted, so an unsorted argpartition is only caught with a large k.
    X, _, Xq = _random_problem(16, 1000, 4, 6)
    _check_neighbors(
        student,
        X,
        Xq,
        300,
        "Each row is nearest first: after np.argpartition, sort the k kept by distance",
    )


def test_neighbors_k_at_least_n_lists_every_point(student):
    X, _, Xq = _random_problem(15, 25, 4, 6)
    for k in (25, 31):  # k == n and k > n: all n points, nearest first
        _check_neighbors(student, X, Xq, k, ALL_POINTS_HINT)


# ---- stability -------------------------------------------------------------------------------


def test_batch_exact_far_from_origin_where_norm_expansion_cancels(student):
    X, y, Xq = _far_problem()
    k = 3
    name = f"{BATCH} for points near (1e8, -2e8, 1.5e8) with gaps of 0.1 to 5"
    labels = _expect_labels(student.knn_predict_batch(X, y, Xq, k), name, len(Xq), len(y))
    expected = _reference_batch(X, y, Xq, k)  # direct differences: exact for these values
    if not np.array_equal(labels, expected):
        raise AssertionError(
            f"{name}, k = {k}: got labels {labels.tolist()}, expected {expected.tolist()} "
            f"(each query's 3 nearest points lie within 0.4 of it). {FAR_HINT}"
        )


def test_euclidean_exact_far_from_origin(student):
    a = np.array([1e8 + 0.3, -2e8 + 0.4, 1.5e8])
    b = np.array([1e8, -2e8, 1.5e8])
    got = expect_scalar(student.euclidean(a, b), f"{EUCLIDEAN} for two points near 1e8")
    expected = float(np.sqrt(np.sum((a - b) ** 2)))  # 0.5 up to the storage of 1e8 + 0.3
    hint = FAR_HINT
    if np.isclose(got, expected**2, rtol=1e-6):
        hint = "That is the SQUARED distance (0.25 for a gap of 0.5): the square root is missing"
    assert_close(got, expected, 1e-9, 0.0, f"{EUCLIDEAN} for a - b = (0.3, 0.4, 0)", hint)


def test_predict_one_exact_far_from_origin(student):
    X, y, Xq = _far_problem()
    k = 3
    for i, q in enumerate(Xq):
        label = _expect_label(student.knn_predict_one(X, y, q, k), ONE)
        want, _ = _oracle(X, y, q, k)
        if label != want:
            raise AssertionError(
                f"{ONE} for query {i} of points near (1e8, -2e8, 1.5e8), k = {k}: got {label}, "
                f"expected {want} (its 3 nearest points lie within 0.4 of it). {FAR_HINT}"
            )


def test_batch_query_on_a_training_point_finds_that_point(student):
    # Every query is a copy of a training row (coordinates ~50, d = 5), k = 1, and every label
    # is different: the answer is the copied row's own label (its distance is exactly 0).
    # Through the expansion ||q||^2 + ||x||^2 - 2 q.x that 0 comes out as rounding error of
    # either sign, ~1e-12; np.sqrt of a negative one is nan, and np.argsort puts nan LAST.
    rng = np.random.default_rng(22)
    X = 50.0 + 10.0 * rng.normal(size=(40, 5))  # (n, d) = (40, 5)
    y = 3 * np.arange(40) + 1  # (n,) a label of its own for every point
    rows = np.array([3, 8, 11, 15, 19, 22, 26, 31, 34, 39])
    Xq = X[rows].copy()  # (Q, d) = (10, 5)
    name = f"{BATCH} for queries that are copies of training rows {rows.tolist()}, k = 1"
    labels = _expect_labels(student.knn_predict_batch(X, y, Xq, 1), name, len(Xq), len(y))
    expected = y[rows]  # distance 0 to itself, at least ~5 to any other row
    if not np.array_equal(labels, expected):
        wrong = int(np.argmax(labels != expected))
        raise AssertionError(
            f"{name}: row {wrong} is {int(labels[wrong])}, expected {int(expected[wrong])}, the "
            f"label of training row {int(rows[wrong])} itself (distance 0). Likely cause: the "
            "expansion ||q||^2 + ||x||^2 - 2 q.x gives a squared distance of 0 as a tiny "
            "negative number here, np.sqrt makes it nan, and nan sorts last. Clamp first, "
            "np.sqrt(np.maximum(d2, 0)), or compute the differences directly"
        )


def _all_points_problem():
    """n = 7: three points of label 9 near the origin, four of label 4 further out. Every k
    below 7 gives 9 (k = 6 ties 3-3 and 9 is nearer); only all 7 points give 4."""
    X = np.array(
        [[0.4, 0.1], [3.1, 0.2], [-0.2, 0.6], [-2.9, 1.3], [0.3, -0.7], [0.5, 3.3], [0.2, -3.4]]
    )
    y = np.array([9, 4, 9, 4, 9, 4, 4])
    Xq = np.array([[0.0, 0.0], [0.2, 0.1], [-0.1, -0.2]])  # (Q, d) = (3, 2)
    return X, y, Xq


ALL_POINTS_HINT = (
    "With k >= n every training point votes. A slice past the end is safe (d[:k] stops at n), "
    "but np.argpartition(d, k) needs k < n: use kth = min(k, n) - 1 or take min(k, n) first"
)


def test_predict_one_k_at_least_n_uses_every_point(student):
    X, y, Xq = _all_points_problem()
    for k in (7, 12):
        for q in Xq:
            got = _expect_label(student.knn_predict_one(X, y, q, k), f"{ONE} with k = {k}")
            expected, _ = _oracle(X, y, q, k)  # 4: all n = 7 points vote, 4 of them say 4
            if got != expected:
                raise AssertionError(
                    f"{ONE} with n = 7, k = {k}: got {got}, expected {expected} (4 of the 7 "
                    f"points have label 4). {ALL_POINTS_HINT}"
                )


def test_batch_k_at_least_n_uses_every_point(student):
    X, y, Xq = _all_points_problem()
    for k in (7, 12):
        name = f"{BATCH} with n = 7, k = {k}"
        labels = _expect_labels(student.knn_predict_batch(X, y, Xq, k), name, len(Xq), len(y))
        expected = _reference_batch(X, y, Xq, k)  # all 4s
        if not np.array_equal(labels, expected):
            raise AssertionError(
                f"{name}: got {labels.tolist()}, expected {expected.tolist()} (4 of the 7 "
                f"points have label 4). {ALL_POINTS_HINT}"
            )


# ---- complexity ------------------------------------------------------------------------------

# Two checks, both needed to pass; both run in the worker, and neither reads a wall clock.
# 1. Counted: a probe counts the Python trace events (lines and calls, sys.settrace) of one
#    batch call at n = 200 and at n = 2000 (same Q queries). Vectorised code runs the same Python
#    lines whatever n is (a loop over the Q queries or the k neighbours included); a Python loop,
#    comprehension or key=lambda sort over the training points adds at least one event per point
#    and query, Q * 1800 here. The limit is half of that. The count comes from the worker, next
#    to student code, so it can only fail the test, never pass it.
# 2. Timed in CPU seconds: a probe runs the batch at n = 10000 and a vectorised reference (the
#    oracle above, one NumPy distance row per query and a stable argsort, written out in the
#    probe) on the same input, interleaved, and reports the CPU time (time.thread_time) of
#    each, the fastest of up to ROUNDS rounds. CPU time counts only what the worker's thread ran,
#    not the time it waited for a core, so other processes on the machine cannot move the ratio
#    the way they move wall-clock time. It is the statement's backstop for per-point work that
#    check 1 cannot count. Measured in the worker on 2 cores, idle and with both kept busy (load
#    average 6 to 8): honest solutions (a loop over the queries or full broadcasting; argsort,
#    argpartition or a heap of the k; plain loops in knn_predict_one) 0.25x to 1.5x the
#    reference; a Python loop over the training points with NumPy per point 36x to 61x (check 1
#    fails it first). Per-point work done in C on Python objects costs less than the limit and
#    passes: math.dist mapped over the rows 2.5x to 2.9x, sorted(zip(dist, y)) 4.2x to 4.9x.
#    The limit, 20x, is the statement's; a call under FAST_ENOUGH_S of CPU (0.3 us per
#    query-point pair, out of reach of any per-point Python work) passes outright.
TRACE_N_SMALL, TRACE_N_LARGE, TRACE_Q = 200, 2000, 3
COMPLEXITY_N, COMPLEXITY_D, COMPLEXITY_Q, COMPLEXITY_K = 10_000, 8, 10, 5
RATIO_LIMIT = 20.0
FAST_ENOUGH_S = 0.030
ROUNDS = 5
BUDGET_S = 0.5  # CPU seconds after which the timing probe starts no new round


def probe_count_python_events(ns, problems, X_query, k):
    """Runs in the worker: the number of trace events of one batch call per (X_train, y_train)."""
    import sys

    batch = ns["knn_predict_batch"]
    events = [0]

    def tracer(frame, event, arg):
        events[0] += 1
        return tracer  # trace the lines of every frame too

    counts = []
    for X_train, y_train in problems:
        events[0] = 0
        sys.settrace(tracer)
        try:
            batch(X_train, y_train, X_query, k)
        finally:
            sys.settrace(None)
        counts.append(events[0])
    return counts


def probe_cpu_seconds_against_reference(ns, X_train, y_train, X_query, k, rounds, budget_s):
    """Runs in the worker: the CPU seconds of the student's batch and of a vectorised reference
    on the same input, one list each, interleaved round after round (no new round once
    `budget_s` is used up). One small untimed call first; the garbage collector is paused while
    timing (a collection would land in one measurement and not the other)."""
    import gc
    import time

    import numpy as np

    batch = ns["knn_predict_batch"]

    def reference():
        """_reference_batch of the suite: one NumPy distance row per query, a stable argsort."""
        labels = []
        for q in X_query:
            dist = np.sqrt(((X_train - q) ** 2).sum(axis=1))  # (n,)
            votes = {}
            for label in y_train[np.argsort(dist, kind="stable")[:k]].tolist():
                votes[label] = votes.get(label, 0) + 1
            labels.append(max(votes, key=votes.get))  # a tie goes to the first label met
        return np.array(labels)  # (Q,)

    def cpu_seconds(function, *args):
        start = time.thread_time()  # see checks.probe_cpu_seconds for why not process_time
        function(*args)
        return time.thread_time() - start

    batch(X_train[:50], y_train[:50], X_query[:1], k)  # warm-up: first-call costs, not timed
    seconds = {"reference": [], "student": []}
    collecting = gc.isenabled()
    gc.disable()
    try:
        for _ in range(rounds):
            seconds["reference"].append(cpu_seconds(reference))
            seconds["student"].append(cpu_seconds(batch, X_train, y_train, X_query, k))
            if sum(seconds["reference"]) + sum(seconds["student"]) > budget_s:
                break
    finally:
        if collecting:
            gc.enable()
    return seconds


def _two_labels(seed: int, n: int, Q: int):
    """Gaussian points with two labels: with an odd k no vote can tie."""
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, COMPLEXITY_D))  # (n, d)
    y = rng.choice(np.array([3, 8]), size=n)  # (n,)
    return X, y, rng.normal(size=(Q, COMPLEXITY_D))  # (Q, d)


def test_batch_is_vectorised_over_training_points(student):
    k = COMPLEXITY_K
    X_small, y_small, _ = _two_labels(16, TRACE_N_SMALL, TRACE_Q)
    X_large, y_large, Xq = _two_labels(17, TRACE_N_LARGE, TRACE_Q)
    student.knn_predict_batch(X_small, y_small, Xq, k)  # warm-up: first-call costs (imports)
    # Speed of wrong answers earns nothing: check the values first (oracle: float64 definition).
    name = f"{BATCH} for (n, d, Q, k) = {(TRACE_N_LARGE, COMPLEXITY_D, TRACE_Q, k)}"
    labels = _expect_labels(student.knn_predict_batch(X_large, y_large, Xq, k), name, TRACE_Q)
    expected = _reference_batch(X_large, y_large, Xq, k)
    assert np.array_equal(labels, expected), (
        f"{name}: got {labels.tolist()}, expected {expected.tolist()} (the k-nearest majority); "
        "the speed of wrong answers earns nothing here (see the correctness tests)"
    )

    counts = student.probe(
        probe_count_python_events,
        problems=[(X_small, y_small), (X_large, y_large)],
        X_query=Xq,
        k=k,
    )
    if isinstance(counts, list) and len(counts) == 2 and all(isinstance(c, int) for c in counts):
        extra_points = TRACE_Q * (TRACE_N_LARGE - TRACE_N_SMALL)
        per_point = (counts[1] - counts[0]) / extra_points
        assert per_point < 0.5, (
            f"`knn_predict_batch` ran {counts[0]} Python lines and calls for n = {TRACE_N_SMALL} "
            f"and {counts[1]} for n = {TRACE_N_LARGE} (Q = {TRACE_Q}): about {per_point:.1f} "
            "per training point and query, expected none (vectorised code runs the same Python "
            "whatever n is). Likely cause: a Python loop over the n training points for each "
            "query: calling knn_predict_one or euclidean per point, a list comprehension, or "
            "sorted(..., key=lambda ...) over the n points. Looping over the Q queries is fine; "
            "inside, compute the distances to all n points at once, e.g. "
            "np.sqrt(((X_train - query) ** 2).sum(axis=1)), then np.argsort or np.argpartition"
        )

    X, y, Xq_big = _two_labels(18, COMPLEXITY_N, COMPLEXITY_Q)
    seconds = student.probe(
        probe_cpu_seconds_against_reference,
        for_function="knn_predict_batch",
        X_train=X,
        y_train=y,
        X_query=Xq_big,
        k=k,
        rounds=ROUNDS,
        budget_s=BUDGET_S,
    )
    seconds = seconds if isinstance(seconds, dict) else {}
    fast = fastest_cpu_seconds(seconds.get("reference"), "knn_predict_batch")
    slow = fastest_cpu_seconds(seconds.get("student"), "knn_predict_batch")
    if slow < FAST_ENOUGH_S or slow <= RATIO_LIMIT * fast:
        return
    raise AssertionError(
        f"{BATCH} for (n, d, Q, k) = {(COMPLEXITY_N, COMPLEXITY_D, COMPLEXITY_Q, k)} took "
        f"{slow * 1e3:.0f} ms of CPU; a vectorised reference (one NumPy distance row per query) "
        f"took {fast * 1e3:.1f} ms on the same input: got {slow / max(fast, 1e-9):.0f}x, "
        f"expected at most {RATIO_LIMIT:g}x. Likely cause: work per training point done with "
        "Python objects (a loop, map over the rows, or sorting a list of (distance, label) "
        "tuples). Compute each query's distances as one NumPy array and select with np.argsort "
        "or np.argpartition"
    )
