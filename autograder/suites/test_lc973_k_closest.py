"""Grading suite for lc973_k_closest.

The student writes `k_closest(points, k)`: the k points of `points` (a list of [x, y] pairs of
ints) closest to the origin (LeetCode 973). Letters: n = len(points) >= 1, 1 <= k <= n; the
coordinates are ints with |x|, |y| <= 10**9. The tie rule: when several points are equally far,
any of them may complete the k; the k points come back in any order.

Every check comes from the definition, in this file, with exact ints: the distance is compared
through d(p) = x**2 + y**2 (the square root changes no order), and a returned list is right
when it holds exactly k entries, each a point of `points` (counted with multiplicity: a point
listed twice may come back twice), and no point left out is closer than the farthest one
returned. That property accepts every answer the tie rule allows and nothing else; it is never
compared with a solution's output.
Complexity is counted, not timed: a probe passes points whose coordinates are counting ints (a
small class defined inside the probe). Arithmetic on them gives counting ints again, so
x * x + y * y counts every ordering comparison (<, <=, >, >=) it takes part in, and separately
each == / != and each hash(); the call is stopped at a cap, so a quadratic loop is never run
out. The verdict is the same on every machine and every run.
Each test is named for the gotcha it catches. Categories and points live in grading.yml.
"""

from collections import Counter

import numpy as np

from autograder.checks import describe

NAME = "`k_closest(points, k)`"

# ---- complexity: sizes and bounds, with the arithmetic ----------------------------------------
#
# The random test: RUNS = 6 calls, each on n = 2**13 random points with k = 4, allowed 8
# ordering comparisons per point over all the calls: 8 * 2**13 * 6 = 393,216 (2**13, not
# 2**14 as for lc215: each point costs three arithmetic calls as well, and this keeps the
# slowest honest solution near half a second).
# - A full sort is the wrong class: every comparison sort needs log2(n!) = n (log2 n - 1.44)
#   = 11.56 n comparisons at n = 2**13 (sorted(points, key=...) takes 11.7 n), 1.45x over.
# - A max-heap of the k closest is about (2 log2(k + 1) + 1) n: push-then-pop measures 5.0 n
#   at k = 4, heapq.heappushpop and heapq.nsmallest(k, points, key=...) 1.0 n.
# - Quickselect with random pivots: for a small k each round keeps the part below a uniformly
#   random pivot, so the points compared sum to n (1 + U1 + U1 U2 + ...): mean 2 n, standard
#   deviation 0.71 n (the Dickman distribution). A partition by three list comprehensions
#   (<, ==, >) makes 2 ordering comparisons per point per round: mean 4 n. Over RUNS = 6
#   independent calls their average passes 8 n (sum passes 4 n per call) with probability
#   below exp(-6 * 2.33) = 9e-7, under 1e-6, whatever the seed (Chernoff, with the moment
#   generating function exp(s + Ein(s)) of 1 + Dickman at s = 1.9). The probe seeds
#   `random` (PROBE_SEED), so a given solution always gets the same count.
# Measured with PROBE_SEED, per point: the variants' heaps 1.01 (nsmallest), 1.65 (heapify
# all, pop k) and 4.99 (push then pop); quickselects 1.83 (first-point pivot), 2.07 (Hoare,
# in place), 2.26 (two-way), 2.28 (three lists); sorted(points, key=...) stopped at 8.
# The structured tests (points in order of distance; all points equally far): n = 2**12,
# bound 40 n = 163,840. A first- or last-element pivot on points sorted by distance, or a
# two-way partition when every distance is equal (with k = n / 2), costs n**2 / 2 =
# 2048 n or more; random-pivot quickselect passes 40 n with probability below 1e-26 (the same
# Chernoff bound at 20 n per call, one call). Measured: heaps 0 to 4.0 n, sorts 1.0 n,
# random-pivot quickselects 1.0 n to 2.7 n; a first-point pivot and a two-way partition were
# stopped at 40 n.
RANDOM_N, RANDOM_K, RUNS, RANDOM_BOUND = 2**13, 4, 6, 8
STRUCTURED_N, STRUCTURED_BOUND = 2**12, 40
# == tests and hash() calls: a heap of (distance, index) pairs makes about one == per
# comparison, a heap of (distance, x, y) on equal distances about four; the cap only stops a
# call that scans the points over and over (`p in points`, points.index(p) inside a loop).
OTHER_CAP_PER_POINT = 64
# At this many int() / float() conversions per point the counts no longer cover the work.
CONVERSIONS_PER_POINT = 0.5
PROBE_SEED = 973
COORDINATE = 10**4  # LeetCode's range for the ordinary tests: |x|, |y| <= 10**4
# The 12 lattice points at distance 5 from the origin: x**2 + y**2 = 25.
RADIUS_5 = [(5, 0), (0, 5), (-5, 0), (0, -5), (3, 4), (4, 3), (-3, 4), (-4, 3)]
RADIUS_5 += [(3, -4), (4, -3), (-3, -4), (-4, -3)]


# ---- the oracle --------------------------------------------------------------------------------


def _squared(point) -> int:
    """The squared distance to the origin, an exact int."""
    x, y = point
    return x * x + y * y


def _top_k(points: list, k: int, key) -> Counter:
    """The multiset of the k points first in the order of `key` (ties by position)."""
    order = sorted(range(len(points)), key=lambda i: key(points[i]))
    return Counter(tuple(points[i]) for i in order[:k])


def _slip_cause(got: Counter, points: list, k: int) -> str:
    """The likely cause, when `got` is exactly what a usual slip returns. Only named where the
    slip's answer could not match by chance: at least 2k + 2 points, and for "farthest" none
    of the points it returns among the right answer."""
    right = _top_k(points, k, _squared)
    if len(points) < 2 * k + 2:
        return ""
    slips = [
        (
            lambda p: -_squared(p),
            "these are the k FARTHEST points: heapq keeps the SMALLEST item on top, so a "
            "heap of distances pops the closest point first. Push (-distance, ...) to keep "
            "the k closest (the farthest of them on top, popped when the heap holds k + 1)",
        ),
        (
            lambda p: abs(p[0]) + abs(p[1]),
            "these are the k closest by |x| + |y| (the Manhattan distance); this problem "
            "measures the straight-line distance, through x**2 + y**2",
        ),
        (
            lambda p: (p[0], p[1]),
            "these are the k smallest points compared as [x, y] lists (by x first): a heap or "
            "a sort of the points themselves. Compare their distances, x*x + y*y",
        ),
    ]
    for number, (key, cause) in enumerate(slips):
        slip = _top_k(points, k, key)
        if slip == got and slip != right and (number > 0 or not slip & right):
            return f"Likely cause: {cause}"
    return ""


def _show(points: list) -> str:
    if len(points) <= 8:
        return f"points = {points}"
    return f"points = [{', '.join(map(str, points[:4]))}, ...] (n = {len(points)})"


def _expect_k_closest(got: object, points: list, k: int, what: str, hint: str = "") -> None:
    """`got` is a right answer: a list of exactly k points of `points` (with multiplicity) and
    none left out closer than the farthest returned. The message names a recognised slip,
    else `hint`."""
    where = f"{what} for {_show(points)}, k = {k}"
    if got is None:
        raise AssertionError(
            f"{where} is None, expected a list of k points: is a `return` missing?"
        )
    if isinstance(got, str):  # the probe's description of something that is not a list
        raise AssertionError(f"{where} returned {got}, expected a list of k [x, y] points")
    if not isinstance(got, list | tuple):
        raise AssertionError(f"{where} is {describe(got)}, expected a list of k [x, y] points")
    for j, point in enumerate(got):
        if not (
            isinstance(point, list | tuple)
            and len(point) == 2
            and all(isinstance(c, int) and not isinstance(c, bool) for c in point)
        ):
            shown = repr(point) if isinstance(point, int | float | str) else describe(point)
            raise AssertionError(
                f"{where}: entry {j} of the result is {shown}, expected a point [x, y] of two "
                f"ints (the point itself, not its distance or its index)"
            )
    if len(got) != k:
        cause = ""
        if len(got) in (k - 1, k + 1):
            cause = (
                ": one point too few or too many. With a heap, push first and pop while it "
                "holds more than k (`len(heap) > k`); with quickselect, keep the first k "
                "positions, indices 0 .. k - 1"
            )
        elif len(got) < k:
            cause = (
                ". Likely cause: points that are equally far, or listed twice, were merged (a "
                "dict keyed by distance, a set of points); keep (distance, index) pairs"
            )
        raise AssertionError(f"{where} returned {len(got)} points, expected k = {k}{cause}")
    returned = Counter(tuple(p) for p in got)
    available = Counter(tuple(p) for p in points)
    for point, times in returned.items():
        if times > available[point]:
            listed = available[point]
            raise AssertionError(
                f"{where}: the point {list(point)} comes back {times} time(s) but is listed "
                f"{listed} time(s) in points; return points of `points`, each as often as it "
                f"is listed there. {hint}".rstrip()
            )
    farthest_in = max(returned, key=_squared)
    # Every point nearer than the farthest one returned must come back, each of its copies.
    nearer = Counter(tuple(p) for p in points if _squared(p) < _squared(farthest_in))
    left_out = nearer - returned
    if left_out:
        closest_out = min(left_out, key=_squared)
        cause = _slip_cause(returned, points, k) or hint
        raise AssertionError(
            f"{where}: the point {list(closest_out)} (squared distance "
            f"{_squared(closest_out):,}) was left out, but {list(farthest_in)} (squared "
            f"distance {_squared(farthest_in):,}) was returned. {cause}".rstrip()
        )


def _random_points(seed: int, n: int, limit: int = COORDINATE) -> list[list[int]]:
    rng = np.random.default_rng(seed)
    return rng.integers(-limit, limit + 1, size=(n, 2)).tolist()  # n [x, y] lists of ints


# ---- shapes ------------------------------------------------------------------------------------


def test_returns_a_list_of_k_points_each_an_x_y_pair(student):
    for points, k in (([[1, 3], [-2, 2]], 1), ([[3, 3], [5, -1], [-2, 4]], 2)):  # LeetCode's
        got = student.k_closest(points, k)
        what = f"{NAME} for points = {points}, k = {k}"
        if got is None:
            raise AssertionError(
                f"{what} is None, expected a list of k points: is a `return` missing?"
            )
        if not isinstance(got, list | tuple):
            raise AssertionError(f"{what} is {describe(got)}, expected a list of k [x, y] points")
        if len(got) != k:
            raise AssertionError(
                f"{what} returned {len(got)} entries, expected k = {k} points. Likely cause: "
                f"the heap is popped once too often or too rarely; push, then pop while "
                f"len(heap) > k"
            )
        for j, point in enumerate(got):
            if not (isinstance(point, list | tuple) and len(point) == 2):
                shown = repr(point) if isinstance(point, int | float) else describe(point)
                raise AssertionError(
                    f"{what}: entry {j} is {shown}, expected a point [x, y] (the point itself, "
                    f"not its distance or its index)"
                )


def test_returns_the_points_not_the_heap_entries(student):
    points, k = [[3, 3], [5, -1], [-2, 4], [0, 1], [6, 6]], 2  # [0, 1] and [3, 3]
    got = student.k_closest([list(p) for p in points], k)
    what = f"{NAME} for points = {points}, k = {k}"
    if not isinstance(got, list | tuple):
        raise AssertionError(f"{what} is {describe(got)}, expected a list of k [x, y] points")
    distances = {x * x + y * y for x, y in points}
    for j, entry in enumerate(got):
        if isinstance(entry, list | tuple) and list(entry) in points:
            continue
        shown = repr(entry) if isinstance(entry, int | float | tuple) else describe(entry)
        cause = ""
        if (
            isinstance(entry, list | tuple)
            and len(entry) == 2
            and isinstance(entry[0], int)
            and not isinstance(entry[0], bool)
            and abs(entry[0]) in distances
        ):
            cause = (
                ": it looks like a heap entry (distance or -distance, then an index or a "
                "point). Likely cause: the heap was returned as it is; return the points it "
                "stands for, [points[i] for _, i in heap]"
            )
        raise AssertionError(f"{what}: entry {j} is {shown}, not one of the points given{cause}")


# ---- correctness -------------------------------------------------------------------------------

# (n, k): small and large k; coordinates in [-10**4, 10**4], LeetCode's range.
RANDOM_CASES = [(6, 2), (50, 7), (400, 100), (1000, 13), (2000, 1999)]


def test_returns_the_k_closest_by_squared_distance(student):
    for seed, (n, k) in enumerate(RANDOM_CASES):
        points = _random_points(seed, n)
        _expect_k_closest(student.k_closest(points, k), points, k, NAME)


def test_points_are_ranked_by_distance_not_compared_as_lists(student):
    cases = [
        ([[-5, 0], [1, 1], [0, -6]], 1),  # [1, 1] (d = 2); by x first, [-5, 0] comes first
        ([[-9, 9], [-8, 0], [2, 2], [3, -1], [7, 7]], 2),  # [2, 2] (8) and [3, -1] (10)
    ]
    hint = (
        "Points are ranked by their distance, x*x + y*y, not compared as [x, y] lists (x "
        "first, then y). Likely cause: heapq.nsmallest(k, points) or sorted(points) without "
        "key=; give the distance as the key, or push (distance, index) pairs"
    )
    for points, k in cases:
        _expect_k_closest(student.k_closest([list(p) for p in points], k), points, k, NAME, hint)


def test_points_is_not_reordered_or_changed(student):
    points = _random_points(10, 40)
    for k in (1, 9, 40):
        before = [list(p) for p in points]
        _, after = student.call_seeing_inputs("k_closest", before, k)
        now = after[0]
        if now == points:
            continue
        detail = f"it is now {describe(now)}"
        if isinstance(now, list) and len(now) == len(points):
            at = next(i for i, (p, q) in enumerate(zip(now, points, strict=True)) if p != q)
            detail = f"points[{at}] was {points[at]} and is now {now[at]!r}"
            if sorted(map(tuple, now)) == sorted(map(tuple, points)):
                detail += " (the same points, reordered)"
        raise AssertionError(
            f"{NAME} with k = {k} changed its `points` argument: {detail}. The caller's list "
            f"must stay as it was. Likely cause: points.sort(), a quickselect that partitions "
            f"points in place, or a distance appended to each point; work on a list of your "
            f"own (distances with indices, or list(points): O(n))"
        )


# ---- stability: edge and extreme inputs --------------------------------------------------------


def test_k_equals_n_returns_every_point(student):
    many = _random_points(20, 300)
    cases = [([[7, -7]], 1), ([[2, 2], [-1, 0], [0, 3], [4, 4], [1, -1]], 5), (many, 300)]
    hint = (
        "k = n asks for every point: check the bound at that end (a heap that pops when it "
        "holds k points keeps k - 1; a quickselect that looks at position k runs off the end)"
    )
    for points, k in cases:
        _expect_k_closest(student.k_closest([list(p) for p in points], k), points, k, NAME, hint)


def test_k_1_returns_the_closest_point(student):
    many = _random_points(20, 300)
    cases = [([[7, -7]], 1), ([[2, 2], [-1, 0], [0, 3], [4, 4], [1, -1]], 1), (many, 1)]
    hint = (
        "k = 1 asks for the closest point alone: a heap that pops when it holds k points keeps "
        "none of them"
    )
    for points, k in cases:
        _expect_k_closest(student.k_closest([list(p) for p in points], k), points, k, NAME, hint)


def test_a_point_listed_twice_comes_back_twice(student):
    cases = [
        ([[1, 1], [2, 2], [1, 1]], 2),  # the point [1, 1] twice: both copies come back
        ([[0, 0], [0, 0], [0, 0], [0, 0], [1, 1]], 3),
        ([[4, 0], [-1, 2], [3, 3], [-1, 2], [5, 5], [-1, 2]], 3),  # [-1, 2] three times
    ]
    hint = (
        "A point listed more than once in points is a separate entry each time: a set of the "
        "points (or `if p not in result`) keeps one copy. Keep (distance, index) pairs"
    )
    for points, k in cases:
        _expect_k_closest(student.k_closest([list(p) for p in points], k), points, k, NAME, hint)


def test_equally_far_points_all_complete_the_k(student):
    rng = np.random.default_rng(30)
    ring = [list(RADIUS_5[i]) for i in rng.integers(0, len(RADIUS_5), size=60)]  # repeats
    cases = [
        ([[3, 4], [5, 0], [1, 0], [0, -5], [-4, -3]], 3),  # [1, 0] and any two at distance 5
        ([[3, 4], [5, 0], [0, -5], [-4, -3], [4, -3], [6, 0]], 4),  # four of five at 5
        (ring + [[0, 1], [6, 0]], 20),  # [0, 1] and any 19 points of the ring
    ]
    hint = (
        "Points that are equally far are separate entries: a dict keyed by distance keeps only "
        "one of them. Keep (distance, index) pairs instead"
    )
    for points, k in cases:
        _expect_k_closest(student.k_closest([list(p) for p in points], k), points, k, NAME, hint)


def test_distance_is_straight_line_not_manhattan(student):
    cases = [
        ([[5, 0], [3, 3]], 1),  # 25 against 18: [3, 3] (|x| + |y|: 5 against 6, [5, 0])
        ([[-6, 1], [4, -4], [0, 7], [5, 5], [-7, 0]], 2),  # [4, -4] (32) and [-6, 1] (37)
    ]
    hint = (
        "The distance is the straight-line one, sqrt(x**2 + y**2): compare x*x + y*y. "
        "Likely cause: |x| + |y| (the Manhattan distance) ranks [5, 0] before [3, 3]"
    )
    for points, k in cases:
        _expect_k_closest(student.k_closest([list(p) for p in points], k), points, k, NAME, hint)


def test_huge_coordinates_compare_exactly_not_as_floats(student):
    big = 10**9
    # Squared distances 10**18 + j**2: floats are 128 apart near 10**18, so in float (or
    # after a square root) the closest few points all look equally far.
    rng = np.random.default_rng(40)
    ring = []
    for j in range(40):
        sx, sy = rng.choice([-1, 1], size=2)
        ring.append([int(sx) * big, int(sy) * j] if j % 2 else [int(sx) * j, int(sy) * big])
    rng.shuffle(ring)
    cases = [
        ([[big, 1], [-big, 0]], 1),  # 10**18 + 1 against 10**18, both orders
        ([[-big, 0], [big, 1]], 1),
        ([list(p) for p in ring], 5),
    ]
    hint = (
        "Squared distances here are near 10**18, beyond 2**53, where floats are not exact: "
        "float(), math.sqrt, math.hypot and ** 0.5 all make 10**18 and 10**18 + 1 equal. "
        "Compare x*x + y*y as ints: exact, and the square root changes no order"
    )
    for points, k in cases:
        _expect_k_closest(student.k_closest([list(p) for p in points], k), points, k, NAME, hint)


# ---- complexity: counted comparisons, in the worker --------------------------------------------


def probe_counted_calls(ns, point_lists, ks, order_cap, other_per_element, seed):
    """Runs in the worker. Calls k_closest(points, k) for each (n, 2) int64 array of
    `point_lists` and the matching k of `ks`, with points a fresh list of [x, y] lists whose
    coordinates are counting ints. Counts ordering comparisons, == / != tests, hash() calls
    and int() / float() conversions over all the calls. The call that makes ordering
    comparison number order_cap + 1 (summed over the calls), or more than other_per_element
    == tests and hashes per point of its own input, is stopped, and no further call is made.
    Returns what each finished call returned (counting ints as their plain values), the
    counts, and why it stopped ("" when it did not)."""
    import random

    random.seed(seed)  # random pivots: the same count on every run
    # Ordering comparisons, == / != tests, hash() calls, int() / float() conversions: a list,
    # updated in place by the methods below (no helper call, so counting stays cheap).
    tally = [0, 0, 0, 0]
    other_limit = [0]  # where the == tests and hashes end the current call

    class TooManyComparisons(BaseException):
        """Ends the student's call at the cap (BaseException: `except Exception` lets it by)."""

    def plain(x):
        return x.value if type(x) is CountingInt else x

    class CountingInt:
        """An int that counts the comparisons, == tests and hashes it takes part in. Arithmetic
        gives CountingInts again (so x * x + y * y and -d still count); int(), float() and the
        math module give plain numbers, which are counted as conversions."""

        __slots__ = ("value",)

        def __init__(self, value):
            self.value = value

        def __lt__(self, other):
            tally[0] += 1
            if tally[0] > order_cap:
                raise TooManyComparisons("order")
            return self.value < (other.value if type(other) is CountingInt else other)

        def __le__(self, other):
            tally[0] += 1
            if tally[0] > order_cap:
                raise TooManyComparisons("order")
            return self.value <= (other.value if type(other) is CountingInt else other)

        def __gt__(self, other):
            tally[0] += 1
            if tally[0] > order_cap:
                raise TooManyComparisons("order")
            return self.value > (other.value if type(other) is CountingInt else other)

        def __ge__(self, other):
            tally[0] += 1
            if tally[0] > order_cap:
                raise TooManyComparisons("order")
            return self.value >= (other.value if type(other) is CountingInt else other)

        def __eq__(self, other):
            tally[1] += 1
            if tally[1] + tally[2] > other_limit[0]:
                raise TooManyComparisons("other")
            return self.value == (other.value if type(other) is CountingInt else other)

        def __ne__(self, other):
            tally[1] += 1
            if tally[1] + tally[2] > other_limit[0]:
                raise TooManyComparisons("other")
            return self.value != (other.value if type(other) is CountingInt else other)

        def __hash__(self):
            tally[2] += 1
            if tally[1] + tally[2] > other_limit[0]:
                raise TooManyComparisons("other")
            return hash(self.value)

        def __neg__(self):
            return CountingInt(-self.value)

        def __pos__(self):
            return self

        def __abs__(self):
            return CountingInt(abs(self.value))

        def __add__(self, other):
            return CountingInt(self.value + plain(other))

        def __radd__(self, other):
            return CountingInt(plain(other) + self.value)

        def __sub__(self, other):
            return CountingInt(self.value - plain(other))

        def __rsub__(self, other):
            return CountingInt(plain(other) - self.value)

        def __mul__(self, other):
            return CountingInt(self.value * plain(other))

        def __rmul__(self, other):
            return CountingInt(plain(other) * self.value)

        def __floordiv__(self, other):
            return CountingInt(self.value // plain(other))

        def __mod__(self, other):
            return CountingInt(self.value % plain(other))

        def __truediv__(self, other):
            return CountingInt(self.value / plain(other))

        def __pow__(self, other, modulo=None):
            return CountingInt(pow(self.value, plain(other), modulo))

        def __index__(self):  # list indexing: no comparison hidden, nothing counted
            return self.value

        def __int__(self):
            tally[3] += 1
            return int(self.value)

        def __float__(self):
            tally[3] += 1
            return float(self.value)

        def __bool__(self):
            return self.value != 0

        def __repr__(self):
            return repr(self.value)

        def __format__(self, spec):
            return format(self.value, spec)

        def __getattr__(self, name):
            raise AttributeError(
                f"the grader's counting int has no .{name}: it supports comparisons, "
                f"hash(), + - * / // % ** and abs(), like an int in a plain solution"
            )

    def returned_number(value):
        if type(value) is CountingInt:
            return value.value
        if isinstance(value, int | float):
            return value
        return f"a {type(value).__name__}"

    def returned(value):
        if not isinstance(value, list | tuple):
            return f"a {type(value).__name__}"
        return [
            [returned_number(c) for c in point]
            if isinstance(point, list | tuple)
            else returned_number(point)
            for point in value
        ]

    student_function = ns["k_closest"]
    values, stopped = [], ""
    for pairs, k in zip(point_lists, ks, strict=True):
        points = [[CountingInt(x), CountingInt(y)] for x, y in pairs.tolist()]  # (n, 2) int64
        other_limit[0] = tally[1] + tally[2] + other_per_element * len(pairs)
        try:
            values.append(returned(student_function(points, k)))
        except TooManyComparisons as stop:
            stopped = str(stop)
            break
    counts = dict(zip(("order", "equality", "hash", "conversion"), tally, strict=True))
    return {"values": values, "counts": counts, "stopped": stopped}


def _plain_call_first(student) -> None:
    """A plain call before any probe, so that a missing or unfinished function is reported
    under its own name, and a wrong one by its value."""
    points, k = [[3, 3], [5, -1], [-2, 4], [0, 1], [6, 6]], 2
    what = f"{NAME} (a plain call, before the counted ones: a wrong answer earns no speed points)"
    _expect_k_closest(student.k_closest(points, k), points, k, what)


def _count_checked(student, point_lists: list, ks: list[int], per_point: int, why: str) -> None:
    """Run the probe on (point_lists, ks); fail on too many comparisons, on conversions that
    hide them, then on any wrong answer. `why` names the likely cause of too many."""
    _plain_call_first(student)
    total = sum(len(points) for points in point_lists)
    order_cap = per_point * total
    result = student.probe(
        probe_counted_calls,
        for_function="k_closest",
        point_lists=[np.array(points, dtype=np.int64) for points in point_lists],  # fast
        ks=ks,
        order_cap=order_cap,
        other_per_element=OTHER_CAP_PER_POINT,
        seed=PROBE_SEED,
    )
    counts, stopped = result["counts"], result["stopped"]
    sizes = (
        f"{len(point_lists)} call(s) on n = {len(point_lists[0])} points with k = {sorted(set(ks))}"
    )
    if stopped == "order" or counts["order"] > order_cap:
        raise AssertionError(
            f"{NAME} made more than {order_cap:,} comparisons ({per_point} per point) over "
            f"{sizes}, and was stopped there: expected O(n log k), or O(n) on average. {why}"
        )
    if stopped == "other" or counts["equality"] + counts["hash"] > OTHER_CAP_PER_POINT * total:
        raise AssertionError(
            f"{NAME} made more than {OTHER_CAP_PER_POINT} == tests and hash() calls per point "
            f"in one of {sizes}, and was stopped there: something scans the points again and "
            f"again (`p in points`, points.index(p), points.remove(p) inside a loop over the "
            f"points)"
        )
    if counts["conversion"] >= CONVERSIONS_PER_POINT * total:
        raise AssertionError(
            f"{NAME} turned {counts['conversion']:,} of the grader's counting coordinates or "
            f"distances into plain numbers over {sizes} (float(), int(), math.sqrt, "
            f"math.hypot, math.dist or math.pow), so its comparisons could not be counted. "
            f"Compare squared distances x*x + y*y: exact ints, and the square root changes "
            f"no order"
        )
    values = result["values"]
    assert len(values) == len(point_lists), f"{NAME}: the probe returned {len(values)} results"
    for points, k, got in zip(point_lists, ks, values, strict=True):
        _expect_k_closest(got, points, k, f"{NAME} (on counting coordinates)")


def test_small_k_costs_linear_comparisons_not_a_full_sort(student):
    point_lists = [_random_points(100 + run, RANDOM_N) for run in range(RUNS)]
    why = (
        f"Likely cause: a full sort (sorted(points, key=...), points.sort(...)) costs "
        f"n log2 n, about {np.log2(RANDOM_N) - 1.44:.1f} n comparisons here, whatever k is. "
        f"Keep a max-heap of the k closest so far (push (-distance, index), pop while it "
        f"holds more than k): O(n log k); or quickselect on the distances with a random "
        f"pivot: O(n) on average"
    )
    _count_checked(student, point_lists, [RANDOM_K] * RUNS, RANDOM_BOUND, why)


def test_points_in_distance_order_do_not_make_quickselect_quadratic(student):
    points = _random_points(200, STRUCTURED_N)
    nearest_first = sorted(points, key=_squared)
    point_lists = [nearest_first, nearest_first[::-1]]
    why = (
        "The points came sorted by distance (nearest first, then farthest first). Likely "
        "cause: quickselect with the first or the last point as its pivot, which on sorted "
        "input splits off one point per round: n**2 / 2 comparisons. Pick the pivot at "
        "random (random.choice, random.randint)"
    )
    _count_checked(student, point_lists, [4, 4], STRUCTURED_BOUND, why)


def test_equal_distances_do_not_make_quickselect_quadratic(student):
    rng = np.random.default_rng(300)
    ring = [list(RADIUS_5[i]) for i in rng.integers(0, len(RADIUS_5), size=STRUCTURED_N)]
    why = (
        "Every point was at distance 5. Likely cause: a two-way partition (`< pivot` to one "
        "side, everything else to the other), which moves every point as far as the pivot to "
        "the same side, so a block of equal distances is peeled off one point per round. "
        "Partition three ways: < pivot, == pivot, > pivot"
    )
    _count_checked(student, [ring], [STRUCTURED_N // 2], STRUCTURED_BOUND, why)
