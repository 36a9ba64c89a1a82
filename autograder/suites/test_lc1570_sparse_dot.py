"""Grading suite for lc1570_sparse_dot (LeetCode 1570, dot product of two sparse vectors).

The student writes a class `SparseVector`: `SparseVector(nums)` takes a dense list of n numbers,
mostly zeros, and keeps only its non-zeros; `v.dotProduct(w)` returns the dot product of two
such vectors of the same length n. Letters: n = len(nums); k1 and k2 the non-zeros of the two
vectors. The class cannot cross to this process, so every test drives it through a probe that
builds the vectors in the worker and returns numbers.

Every expected value is computed in this file from the definition, never from a solution:
    v . w = sum over i in range(n) of nums_v[i] * nums_w[i]
exactly (Python ints) for int values, with math.fsum (correctly rounded) for floats.
Complexity is counted, not timed: the probe passes read-only list-like sequences that count every
element read, measures with tracemalloc the memory a vector keeps after its constructor returns,
and counts the Python steps (trace events) of one dotProduct call. p03_sparse_dot drills the
same dot product on lists of (index, value) pairs; this drill is the step before it, compressing
the dense list, so its probe counts reads of dense numbers and shares no code with p03's.
Each test is named for the gotcha it catches. Categories and points live in grading.yml.
"""

import math

import numpy as np

from autograder.checks import assert_close, describe, expect_finite, expect_scalar

CLASS = "`SparseVector`"
DOT = "`SparseVector(nums_a).dotProduct(SparseVector(nums_b))`"

# Summing k products in any order is within k * 2**-53 * sum|a_i b_i| of the exact sum, so a
# tolerance of 1e-10 * sum|a_i b_i| accepts every order of summation up to k ~ 10**5.
FLOAT_RTOL = 1e-10

# Complexity, counted. The constructor may read each element of nums a constant number of
# times: a for loop, enumerate(nums) or np.asarray(nums) reads it once, `if nums[i]: ...
# nums[i]` at most twice; 4 n leaves room, and dotProduct may not read nums at all.
READS_PER_ELEMENT = 4
# Memory a vector keeps: a dict or a list of (index, value) pairs costs about 100 bytes per
# non-zero, two NumPy arrays 16; a dense copy of n = 2**16 numbers costs 8 bytes per element
# in a list or a float64 array, 512 KB, against the 16 KB + 300 bytes per non-zero allowed
# (46 KB for the 100 non-zeros of the long vector): 11 times over.
MEMORY_BASE_BYTES = 16 * 2**10
MEMORY_BYTES_PER_NONZERO = 300
# Python steps of one dotProduct (trace events: one per line run, one per call): a two-pointer
# walk runs about 7 per non-zero of either vector, a dict lookup loop about 3, NumPy's
# intersect1d a fixed few dozen. 20 (k1 + k2) + 200 is generous. A loop over all n positions
# runs at least 2 n: 131,072 at n = 2**16 with k1 = k2 = 100 (bound 4,200); a nested loop over
# the two lists of non-zeros runs at least 2 k1 k2: 2,000,000 at k1 = k2 = 1000 (bound 40,200).
STEPS_PER_NONZERO = 20
STEPS_FIXED = 200
# No right solution of this drill draws random numbers, so every count is a fixed function of
# the input: measured on the two cases below, a two-pointer walk runs 644 and 6,305 steps, a
# dict loop 247 and 2,307, NumPy 48; every constructor reads 1.00 n.

# The two vectors of the complexity tests: (n, k1, k2, shared indices, seed).
LONG_CASE = (2**16, 100, 100, 40, 10)  # few non-zeros in a long vector: O(n) shows
MANY_CASE = (2**14, 1000, 1000, 300, 11)  # many non-zeros: O(k1 k2) shows


# ---- data and exact oracles -------------------------------------------------------------------


def _values(rng: np.random.Generator, count: int, kind: str) -> list:
    """Non-zero values of both signs: small ints (exact sums) or floats over six decades."""
    if kind == "int":
        signs = rng.choice([-1, 1], size=count)
        return [int(v) for v in rng.integers(1, 10, size=count) * signs]
    return [float(v) for v in rng.normal(size=count) * 10.0 ** rng.uniform(-3, 3, size=count)]


def _dense_pair(rng, n, k1, k2, shared, kind="int"):
    """Two dense lists of length n with k1 and k2 non-zeros, exactly `shared` positions in
    common, positions drawn without replacement; every other entry is 0 (int) or 0.0."""
    positions = rng.choice(n, size=k1 + k2 - shared, replace=False)
    where_a = positions[:k1]
    where_b = positions[k1 - shared :]
    zero = 0 if kind == "int" else 0.0
    a, b = [zero] * n, [zero] * n
    for i, v in zip(where_a, _values(rng, k1, kind), strict=True):
        a[int(i)] = v
    for i, v in zip(where_b, _values(rng, k2, kind), strict=True):
        b[int(i)] = v
    return a, b


def _oracle(a: list, b: list) -> tuple[float, float]:
    """(a . b, sum of |a_i b_i|) from the definition over all n positions: exact for ints,
    correctly rounded (math.fsum) otherwise."""
    products = [x * y for x, y in zip(a, b, strict=True)]
    if all(isinstance(p, int) for p in products):
        return sum(products), float(sum(abs(p) for p in products))
    return math.fsum(products), math.fsum(abs(p) for p in products)


def _all_ints(*lists: list) -> bool:
    return all(isinstance(v, int) for values in lists for v in values)


def _non_zeros(values: list) -> list[tuple[int, float]]:
    return [(i, v) for i, v in enumerate(values) if v != 0]


def _sizes(a: list, b: list) -> str:
    shared = sum(1 for x, y in zip(a, b, strict=True) if x != 0 and y != 0)
    k1, k2 = len(_non_zeros(a)), len(_non_zeros(b))
    return f"n = {len(a)}, k1 = {k1}, k2 = {k2} non-zeros, {shared} positions shared"


def _show(values: list) -> str:
    return str(values) if len(values) <= 10 else f"a list of {len(values)} numbers"


# ---- recognising the usual slips, for the messages --------------------------------------------


def _walk_stopping_early(a: list, b: list):
    """A two-pointer walk over the non-zeros that stops one step early (i < len - 1)."""
    pa, pb = _non_zeros(a), _non_zeros(b)
    i = j = 0
    total = 0
    while i < len(pa) - 1 and j < len(pb) - 1:
        if pa[i][0] == pb[j][0]:
            total += pa[i][1] * pb[j][1]
            i, j = i + 1, j + 1
        elif pa[i][0] < pb[j][0]:
            i += 1
        else:
            j += 1
    return total


def _slips(a: list, b: list) -> list[tuple[float, str]]:
    """(what the slip returns on (a, b), its likely cause)."""
    pa, pb = _non_zeros(a), _non_zeros(b)
    in_b = dict(pb)
    return [
        (
            sum(va * vb for (ia, va), (ib, vb) in zip(pa, pb, strict=False) if ia == ib),
            "the k-th non-zero of one vector is compared only with the k-th non-zero of the "
            "other (zip over the two lists of pairs): a shared index can sit at different "
            "places in the two lists. Walk two pointers, advancing the one at the smaller "
            "index, or look each index up in a dict",
        ),
        (
            sum(x * y for x, y in zip(a, b, strict=True) if x > 0 and y > 0),
            "only the positive entries were kept (`if value > 0`): a negative entry is a "
            "non-zero too; keep every entry with value != 0",
        ),
        (
            _walk_stopping_early(a, b),
            "the walk over the non-zeros stops one step early (a bound like i < len(pairs) - "
            "1), so the last pair is never compared; run while i < len(mine) and j < "
            "len(theirs)",
        ),
        (
            sum(v * in_b.get(i, 1) for i, v in pa),
            "an index the other vector does not store was counted as 1 (e.g. `.get(i, 1)`): a "
            "position that is not stored is 0, so it contributes 0",
        ),
        (
            sum(v + in_b[i] for i, v in pa if i in in_b),
            "the two values at a shared index are added, not multiplied",
        ),
    ]


def _likely_cause(value: float, a: list, b: list) -> str:
    """The cause of a wrong `value`, when exactly one of the usual slips gives that value."""
    expected, scale = _oracle(a, b)
    close = FLOAT_RTOL * scale + 1e-12
    causes = {
        cause
        for result, cause in _slips(a, b)
        if abs(result - expected) > close and abs(value - result) <= close
    }
    return f"Likely cause: {causes.pop()}" if len(causes) == 1 else ""


DEFAULT_HINT = (
    "The dot product sums nums_a[i] * nums_b[i] over all positions i; only positions where "
    "BOTH vectors are non-zero add anything"
)


def _expect_dot(got: object, a: list, b: list, what: str, hint: str = "") -> None:
    """`got` is one finite number equal to a . b: exactly for ints, within FLOAT_RTOL for floats.
    The message names a recognised slip, else `hint`, else the definition."""
    if isinstance(got, list | tuple):
        raise AssertionError(
            f"{what} is {describe(got)}, expected one number. Likely cause: the products of "
            f"the shared positions were collected but never added up: return their sum"
        )
    value = expect_scalar(got, what)
    expect_finite(value, what, "The inputs are finite, and so is their dot product")
    expected, scale = _oracle(a, b)
    hint = _likely_cause(value, a, b) or hint or DEFAULT_HINT
    if _all_ints(a, b):
        # Int values: the dot product is an int far below 2**53, exact in any order, even in
        # float64, so nothing but the exact value is right.
        assert_close(value, expected, 0.0, 0.0, what, hint)
    else:
        assert_close(value, expected, 0.0, FLOAT_RTOL * scale, what, hint)


# ---- probes: the class lives in the worker --------------------------------------------------


def probe_dot_products(ns, pairs):
    """Runs in the worker: SparseVector(a).dotProduct(SparseVector(b)) for each (a, b)."""
    SparseVector = ns["SparseVector"]
    return [SparseVector(a).dotProduct(SparseVector(b)) for a, b in pairs]


def probe_score_many(ns, query, items):
    """Runs in the worker: one query vector scored against every item, twice, then every item
    against the query, then the query against itself (the vectors are built once)."""
    SparseVector = ns["SparseVector"]
    q = SparseVector(query)
    vectors = [SparseVector(item) for item in items]
    first = [q.dotProduct(v) for v in vectors]
    again = [q.dotProduct(v) for v in vectors]
    reverse = [v.dotProduct(q) for v in vectors]
    return {"first": first, "again": again, "reverse": reverse, "self": q.dotProduct(q)}


def probe_self_dots(ns, vectors):
    """Runs in the worker: v.dotProduct(v) for each dense list, v one object on both sides."""
    SparseVector = ns["SparseVector"]
    return [v.dotProduct(v) for v in (SparseVector(values) for values in vectors)]


def probe_count_work(ns, dense_a, dense_b, max_reads, max_steps):
    """Runs in the worker. Builds SparseVector(a) and SparseVector(b) from read-only list-like
    sequences that count every element read, and measures with tracemalloc the memory each
    vector keeps once its constructor has returned. Then runs a.dotProduct(b) while counting
    the reads of either dense list and, when max_steps is not None, the Python steps (trace
    events outside this probe). Any count over its cap stops the call. Returns plain data."""
    import collections.abc
    import sys
    import tracemalloc

    reads = [0]
    steps = [0]
    stopped = [""]

    class TooMuchWork(BaseException):
        """Ends the student's call at the first read or step over the cap."""

    def count_reads(how_many):
        reads[0] += how_many
        if reads[0] > max_reads:
            stopped[0] = "reads"
            raise TooMuchWork(f"more than {max_reads} elements read")

    class ReadOnlyNumbers(collections.abc.Sequence):
        """A list of numbers that counts reads: len() is free; an index, one step of iteration,
        or each element a slice or a copy takes costs one read (`in`, index() and count() come
        from collections.abc.Sequence, so they count too)."""

        def __init__(self, numbers):
            self._numbers = numbers

        def __len__(self):
            return len(self._numbers)

        def __getitem__(self, key):
            part = self._numbers[key]
            count_reads(len(part) if isinstance(key, slice) else 1)
            return part

        def __iter__(self):
            for x in self._numbers:
                count_reads(1)
                yield x

        def __setitem__(self, key, value):
            raise TypeError("nums is read-only here: SparseVector must not change its input")

        def copy(self):
            return list(self)

        def __getattr__(self, name):
            if name in ("append", "extend", "insert", "pop", "remove", "sort", "reverse", "clear"):
                raise AttributeError(
                    f".{name}() is not available: the grader passes a read-only list-like "
                    f"sequence here, and SparseVector must not change its input"
                )
            raise AttributeError(name)

        def __repr__(self):
            return f"<read-only sequence of {len(self._numbers)} numbers>"

    own_file = count_reads.__code__.co_filename  # this probe's source, whatever its name

    def tracer(frame, event, arg):
        if frame.f_code.co_filename == own_file:
            return None  # this probe's own code (the sequence above) is not the student's work
        steps[0] += 1
        if steps[0] > max_steps:
            stopped[0] = "steps"
            raise TooMuchWork(f"more than {max_steps} Python steps")
        return tracer

    SparseVector = ns["SparseVector"]
    nums_a, nums_b = ReadOnlyNumbers(dense_a.tolist()), ReadOnlyNumbers(dense_b.tolist())
    result = {"value": None, "stopped": ""}
    kept = []
    vectors = []
    for nums in (nums_a, nums_b):
        reads[0] = 0
        tracemalloc.start()
        try:
            before = tracemalloc.get_traced_memory()[0]
            try:
                vectors.append(SparseVector(nums))
            except TooMuchWork:
                result.update(stopped="constructor reads", constructor_reads=reads[0])
                return result
            kept.append(tracemalloc.get_traced_memory()[0] - before)
        finally:
            tracemalloc.stop()
        result.setdefault("constructor_reads", []).append(reads[0])
    result["kept_bytes"] = kept
    reads[0] = steps[0] = 0
    if max_steps is not None:
        sys.settrace(tracer)
    try:
        result["value"] = vectors[0].dotProduct(vectors[1])
    except TooMuchWork:
        pass
    finally:
        sys.settrace(None)
    result.update(dot_reads=reads[0], dot_steps=steps[0], stopped=stopped[0])
    return result


def _dot_products(student, pairs: list) -> list:
    got = student.probe(probe_dot_products, for_function="SparseVector", pairs=pairs)
    if not isinstance(got, list) or len(got) != len(pairs):
        raise AssertionError(f"{CLASS} could not be driven: got {describe(got)}")
    return got


def _counted(student, case: tuple, *, count_steps: bool) -> tuple[dict, list, list]:
    """Run probe_count_work on the case's two vectors, counting the Python steps of dotProduct
    only with `count_steps`; (result, a, b), the result checked for shape (it came from the
    worker) before any test reads it."""
    n, k1, k2, shared, seed = case
    a, b = _dense_pair(np.random.default_rng(seed), n, k1, k2, shared)
    reads_cap = READS_PER_ELEMENT * n
    result = student.probe(
        probe_count_work,
        for_function="SparseVector",
        dense_a=np.array(a, dtype=np.int64),
        dense_b=np.array(b, dtype=np.int64),
        max_reads=reads_cap,
        max_steps=STEPS_PER_NONZERO * (k1 + k2) + STEPS_FIXED if count_steps else None,
    )
    if not isinstance(result, dict) or "stopped" not in result:
        raise AssertionError(f"{CLASS} could not be counted: the probe returned {describe(result)}")
    if result["stopped"] == "constructor reads":
        raise AssertionError(
            f"`SparseVector(nums)` read more than {reads_cap:,} elements of nums for n = {n:,} "
            f"(stopped there): expected O(n), at most {READS_PER_ELEMENT} n. Likely cause: a "
            f"search of nums for every element (nums.index(x), `x in nums[:i]`, a slice per "
            f"position); one pass with enumerate(nums) is enough"
        )
    return result, a, b


def _plain_call_first(student) -> None:
    """A plain drive on tiny vectors before any counting, so that a missing or unfinished class
    is reported under its own name and a wrong value as a wrong value."""
    a, b = [0, 2, 0, 3], [1, 4, 0, -1]
    (got,) = _dot_products(student, [(a, b)])
    _expect_dot(got, a, b, f"{DOT} for nums_a = {a}, nums_b = {b}")


# ---- shapes -----------------------------------------------------------------------------------


def test_dot_product_returns_one_number(student):
    pairs = [([0, 2, 0, 3], [1, 4, 0, -1]), ([0.0, 1.5, -2.0], [3.0, 0.0, 0.5])]
    for (a, b), got in zip(pairs, _dot_products(student, pairs), strict=True):
        what = f"{DOT} for nums_a = {a}, nums_b = {b}"
        if isinstance(got, list | tuple):
            raise AssertionError(
                f"{what} is {describe(got)}, expected one number. Likely cause: the products "
                f"of the shared positions were collected but never added up: return their sum"
            )
        expect_scalar(got, what)


# ---- correctness ------------------------------------------------------------------------------

# (n, k1, k2, shared): lengths from tiny to long, overlaps from complete to none.
RANDOM_CASES = [
    (1, 1, 1, 1),
    (10, 4, 6, 2),
    (200, 30, 50, 12),
    (3000, 120, 90, 40),
    (500, 7, 300, 0),
]


def test_matches_dense_dot_product_on_random_vectors(student):
    rng = np.random.default_rng(0)
    pairs = [_dense_pair(rng, *case) for case in RANDOM_CASES]
    pairs.append(_dense_pair(rng, 2000, 150, 200, 60, kind="float"))
    for (a, b), got in zip(pairs, _dot_products(student, pairs), strict=True):
        kind = "int" if _all_ints(a, b) else "float"
        _expect_dot(got, a, b, f"{DOT} for {_sizes(a, b)}, {kind} values")


def test_shared_index_at_different_places_in_the_two_lists(student):
    # nums_a's non-zeros sit at 0, 2, 4 and nums_b's at 2, 4: index 2 is the 2nd pair of a but
    # the 1st of b, so pairing the lists by position meets no shared index at all.
    pairs = [([1, 0, 2, 0, 3], [0, 0, 4, 0, 5]), ([0, 0, 4, 0, 5], [1, 0, 2, 0, 3])]  # 23
    hint = (
        "A shared index sits at different places in the two lists of non-zeros as soon as one "
        "vector has a non-zero the other lacks: walk two pointers, advancing the one at the "
        "smaller index, or look each index up in a dict"
    )
    for (a, b), got in zip(pairs, _dot_products(student, pairs), strict=True):
        _expect_dot(got, a, b, f"{DOT} for nums_a = {a}, nums_b = {b}", hint)


def test_dot_product_is_symmetric_when_the_sizes_differ(student):
    rng = np.random.default_rng(4)
    few, many = _dense_pair(rng, 300, 8, 60, 5)  # k1 = 8 and k2 = 60, 5 positions shared
    pairs = [(few, many), (many, few)]
    hint = (
        "a . b = b . a, whichever vector has fewer non-zeros. Likely cause: dotProduct loops "
        "over the smaller of the two dicts, but after the swap takes the second factor from "
        "the wrong one (always self.values or vec.values): multiply the value from the "
        "smaller dict by the value at that index in the OTHER (larger) one"
    )
    for (a, b), got in zip(pairs, _dot_products(student, pairs), strict=True):
        _expect_dot(got, a, b, f"{DOT} for {_sizes(a, b)}", hint)


def test_scoring_the_same_vectors_again_gives_the_same_values(student):
    rng = np.random.default_rng(1)
    n = 400
    query, _ = _dense_pair(rng, n, 40, 1, 0)
    items = [_dense_pair(rng, n, 1, 30 + 10 * t, 0)[1] for t in range(5)]
    for t, item in enumerate(items[:3]):  # make sure some items share positions with the query
        for i in np.flatnonzero(query)[t::4]:
            item[int(i)] = int(rng.integers(1, 10))
    got = student.probe(probe_score_many, for_function="SparseVector", query=query, items=items)
    if not isinstance(got, dict) or not {"first", "again", "reverse"} <= set(got):
        raise AssertionError(f"{CLASS} could not be driven: got {describe(got)}")
    reuse = (
        "A vector is scored against many others, so dotProduct must leave both vectors as they "
        "were. Likely cause: dotProduct consumes its lists (pop(), del, a shared iterator) or "
        "overwrites a stored value; walk with indices instead"
    )
    calls = [
        ("first", "`q.dotProduct(item)` for 5 items, the first time", ""),
        ("again", "`q.dotProduct(item)` for the same 5 items, a second time", reuse),
        ("reverse", "`item.dotProduct(q)`, after q was scored twice", reuse),
    ]
    for key, what, hint in calls:
        values = got[key]
        if not isinstance(values, list) or len(values) != len(items):
            raise AssertionError(f"{what}: got {describe(values)}, expected 5 numbers")
        for t, (item, value) in enumerate(zip(items, values, strict=True)):
            _expect_dot(value, query, item, f"{what}, item {t} ({_sizes(query, item)})", hint)


def test_vector_dotted_with_itself_gives_its_squared_norm(student):
    rng = np.random.default_rng(5)
    vectors = [_dense_pair(rng, 200, 25, 1, 0)[0], [0, 3, 0, -4], [2.5]]  # ..., 25, 6.25
    got = student.probe(probe_self_dots, for_function="SparseVector", vectors=vectors)
    if not isinstance(got, list) or len(got) != len(vectors):
        raise AssertionError(f"{CLASS} could not be driven: got {describe(got)}")
    hint = (
        "A vector's dot product with itself is the sum of its squared non-zeros. Likely cause: "
        "dotProduct assumes `vec` is a different object from self, e.g. it pops from or "
        "changes one list while walking the other, and here the two are the same list"
    )
    for values, value in zip(vectors, got, strict=True):
        what = f"`v.dotProduct(v)`, v = SparseVector(nums) for {_sizes(values, values)}"
        _expect_dot(value, values, values, what, hint)


def test_tiny_float_entries_are_non_zeros_too(student):
    pairs = [([1e-12, 0.0, 3.0], [2e-12, 5.0, 0.0]), ([0.0, -4e-10, 1e-8], [0.0, 1e-10, 1e-8])]
    hint = (
        "An entry is a non-zero when value != 0: tiny floats such as 1e-12 count. Likely cause: "
        "a tolerance test such as `abs(x) > 1e-9` to find the non-zeros; test `x != 0`"
    )
    for (a, b), got in zip(pairs, _dot_products(student, pairs), strict=True):
        _expect_dot(got, a, b, f"{DOT} for nums_a = {a}, nums_b = {b}", hint)


# ---- stability --------------------------------------------------------------------------------


def test_all_zero_vector_stores_nothing_and_gives_0(student):
    pairs = [
        ([0, 0, 0], [1, 2, 3]),  # the zero vector: 0
        ([1, 2, 3], [0, 0, 0]),  # on the other side
        ([0, 0, 0, 0], [0, 0, 0, 0]),  # nothing stored on either side: 0
        ([0], [7]),  # n = 1, one side zero: 0
        ([0.0] * 1000, [1.5] * 1000),  # a long zero vector against a dense one: 0
    ]
    hint = (
        "A vector with no non-zeros stores nothing and its dot product with anything is 0. "
        "Guard reads such as pairs[0] or pairs[-1], which fail on an empty list of non-zeros"
    )
    for (a, b), got in zip(pairs, _dot_products(student, pairs), strict=True):
        _expect_dot(got, a, b, f"{DOT} for nums_a = {_show(a)}, nums_b = {_show(b)}", hint)


def test_n_1_vectors_give_the_product_of_their_entries(student):
    pairs = [([5], [-3]), ([-2], [-4]), ([0.5], [8.0])]  # -15, 8, 4.0
    hint = (
        "With n = 1 and one non-zero on each side, the dot product is the product of the two "
        "entries: a walk whose bound is len(pairs) - 1 never compares that single pair"
    )
    for (a, b), got in zip(pairs, _dot_products(student, pairs), strict=True):
        _expect_dot(got, a, b, f"{DOT} for nums_a = {a}, nums_b = {b}", hint)


def test_negative_entries_are_non_zeros_too(student):
    n = 50
    a, b = [0] * n, [0] * n
    a[10], a[20], a[30] = -4, -2, -7  # only negative non-zeros
    b[10], b[20], b[31] = 3, -5, 8
    pairs = [(a, b), (b, a), ([-1, -2, -3], [-4, -5, -6])]  # -2, -2, 32
    hint = (
        "Every entry with value != 0 is a non-zero, negative ones included: `if x > 0` drops them"
    )
    for (x, y), got in zip(pairs, _dot_products(student, pairs), strict=True):
        stored_a, stored_b = dict(_non_zeros(x)), dict(_non_zeros(y))
        what = f"{DOT} for n = {len(x)}, nums_a's non-zeros {stored_a}, nums_b's {stored_b}"
        _expect_dot(got, x, y, what, hint)


def test_non_zeros_at_positions_0_and_n_minus_1_count(student):
    n = 50
    a, b = [0] * n, [0] * n
    a[0], a[n - 1], a[20] = 4, 2, 7  # non-zeros at both ends
    b[0], b[n - 1], b[21] = 3, 5, 8  # 4 * 3 + 2 * 5 = 22
    c, d = [0.0] * n, [0.0] * n
    c[n - 1], d[n - 1] = 0.5, 0.25  # one shared non-zero, at the last position: 0.125
    c[3], d[4] = 1.0, 2.0
    pairs = [(a, b), (b, a), (c, d)]
    hint = (
        "Non-zeros at positions 0 and n - 1 count like any other: the walk over the non-zeros "
        "must run while i < len(mine) and j < len(theirs), so that the last pairs are compared"
    )
    for (x, y), got in zip(pairs, _dot_products(student, pairs), strict=True):
        stored_a, stored_b = dict(_non_zeros(x)), dict(_non_zeros(y))
        what = f"{DOT} for n = {len(x)}, nums_a's non-zeros {stored_a}, nums_b's {stored_b}"
        _expect_dot(got, x, y, what, hint)


# ---- complexity -------------------------------------------------------------------------------


def test_constructor_reads_nums_once_and_dot_product_never(student):
    _plain_call_first(student)
    result, a, b = _counted(student, LONG_CASE, count_steps=False)
    n = LONG_CASE[0]
    dot_reads = result.get("dot_reads")
    if not isinstance(dot_reads, int):
        raise AssertionError(f"{CLASS} could not be counted: got {describe(result)}")
    if dot_reads > 0 or result["stopped"] == "reads":
        raise AssertionError(
            f"`dotProduct` read {dot_reads:,} elements of the dense lists for n = {n:,} (k1 = "
            f"k2 = {LONG_CASE[1]}): expected 0. Likely cause: the constructor keeps a reference "
            f"to nums (self.nums = nums) and dotProduct walks it; the constructor should keep "
            f"only the non-zeros (a dict index -> value, or a list of (index, value) pairs), "
            f"and dotProduct should use nothing else"
        )
    _expect_dot(result["value"], a, b, f"{DOT} for {_sizes(a, b)}")


def test_vector_keeps_only_its_non_zeros(student):
    _plain_call_first(student)
    result, a, b = _counted(student, LONG_CASE, count_steps=False)
    n, k1, k2 = LONG_CASE[:3]
    kept = result.get("kept_bytes")
    if not (isinstance(kept, list) and len(kept) == 2 and all(isinstance(x, int) for x in kept)):
        raise AssertionError(f"{CLASS} could not be measured: got {describe(result)}")
    for size, k, which in zip(kept, (k1, k2), ("nums_a", "nums_b"), strict=True):
        limit = MEMORY_BASE_BYTES + MEMORY_BYTES_PER_NONZERO * k
        if size > limit:
            raise AssertionError(
                f"`SparseVector({which})` keeps {size / 1024:.0f} KB for n = {n:,} with k = {k} "
                f"non-zeros: expected memory that grows with k, at most {limit / 1024:.0f} KB "
                f"(16 KB + 300 bytes per non-zero). Likely cause: a dense copy of nums (list(nums), "
                f"nums[:], np.array(nums), a dict over every position) is kept; a dense copy of "
                f"{n:,} numbers takes {8 * n / 1024:.0f} KB. Keep only the entries with value != 0"
            )
    _expect_dot(result["value"], a, b, f"{DOT} for {_sizes(a, b)}")


def test_dot_product_work_follows_the_non_zeros_not_the_length(student):
    _plain_call_first(student)
    # The many-non-zeros case first: a nested loop also goes over the bound of the long case
    # (2 * 100 * 100 steps), and this order names it for what it is.
    causes = {
        MANY_CASE: (
            "a loop over the non-zeros of one vector inside a loop over those of the other, or "
            "`in` on a list of pairs (a hidden loop); walk two sorted lists of pairs with two "
            "pointers, or look each index up in a dict"
        ),
        LONG_CASE: (
            "a loop over all n positions (for i in range(n), zip over two dense lists); loop "
            "over the stored non-zeros only"
        ),
    }
    for case, cause in causes.items():
        n, k1, k2 = case[:3]
        result, a, b = _counted(student, case, count_steps=True)
        steps = result.get("dot_steps")
        if not isinstance(steps, int):
            raise AssertionError(f"{CLASS} could not be counted: got {describe(result)}")
        limit = STEPS_PER_NONZERO * (k1 + k2) + STEPS_FIXED
        if result["stopped"] == "steps" or steps > limit:
            raise AssertionError(
                f"`dotProduct` ran more than {limit:,} Python steps for n = {n:,}, k1 = {k1}, "
                f"k2 = {k2} (stopped after {steps:,}): expected O(k1 + k2), at most "
                f"{STEPS_PER_NONZERO} (k1 + k2) + {STEPS_FIXED} = {limit:,} (a step is one line "
                f"run or one call). Likely cause: {cause}"
            )
        _expect_dot(result["value"], a, b, f"{DOT} for {_sizes(a, b)}")
