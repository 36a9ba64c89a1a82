"""Grading suite for p03_sparse_dot.

The student writes `dot_hash(a, b)` and `dot_two_pointer(a, b)`, and for the optional follow-up
`dot_binary_search(short, long)`. A sparse vector is a list of (index, value) pairs sorted by
index, indices unique within a list, values ints or floats of either sign. Letters: n = len(a)
and m = len(b) non-zeros; D the dimension (indices go up to 10**9).

Every expected value is computed in this file from the definition, never from a solution:
    a . b = sum over the indices i present in both lists of a_i * b_i
exactly (Python ints) for int values, with math.fsum (correctly rounded) for floats.
Complexity is counted, not timed: a probe gives the student's function read-only list-like
sequences that count every element read (an index, one step of iteration, each element a slice
or a copy takes) and measures with tracemalloc the memory allocated during the call.
Each test is named for the gotcha it catches. Categories and points live in grading.yml.
"""

import math

import numpy as np

from autograder.checks import assert_close, expect_finite, expect_scalar

HASH = "`dot_hash(a, b)`"
TWO = "`dot_two_pointer(a, b)`"
SEARCH = "`dot_binary_search(short, long)`"
NAMES = {"dot_hash": HASH, "dot_two_pointer": TWO}

# Summing k products in any order is within k * 2**-53 * sum|a_i b_i| of the exact sum, so a
# tolerance of 1e-10 * sum|a_i b_i| accepts every order of summation up to k ~ 10**5.
FLOAT_RTOL = 1e-10

# Reads allowed per element of a and b. A two-pointer step reads a[i] and b[j] (at most 4
# reads even when each is indexed twice) and moves past at least one element, so any honest
# O(n + m) solution stays under 4 (n + m); a nested loop reads about n * m.
READS_PER_ELEMENT = 10
# Reads allowed per element of `short` per halving step of `long`: one binary search reads
# about log2(long) + 1 elements, plus one to confirm a hit.
READS_PER_SEARCH_STEP = 4
# Extra memory allowed during one call: a dict over the non-zeros takes ~100 bytes per entry;
# a dense vector of D = 10**7 entries takes 10 MB as int8, 80 MB as floats or a list.
MEMORY_BASE_BYTES = 2**20
MEMORY_BYTES_PER_ELEMENT = 500


# ---- data and float64 / exact oracles ----------------------------------------------------


def _values(rng: np.random.Generator, count: int, kind: str) -> list:
    """Non-zero values of both signs: small ints (exact sums) or floats over six decades."""
    if kind == "int":
        signs = rng.choice([-1, 1], size=count)
        return [int(v) for v in rng.integers(1, 10, size=count) * signs]
    return [float(v) for v in rng.normal(size=count) * 10.0 ** rng.uniform(-3, 3, size=count)]


def _sparse_pair(rng, n, m, shared, dim, kind="int", ends=False):
    """Two sparse vectors with n and m non-zeros, exactly `shared` indices in common, indices
    drawn without replacement from [0, dim) and each list sorted by index. With `ends`, both
    lists also hold index 0 and index dim - 1 (counted in `shared`)."""
    low, high, extra = (1, dim - 1, 2) if ends else (0, dim, 0)
    pool = low + rng.choice(high - low, size=n + m - shared - extra, replace=False)
    index_a = sorted(int(i) for i in pool[: n - extra])
    index_b = sorted(int(i) for i in pool[n - shared :])
    if ends:
        index_a, index_b = [0, *index_a, dim - 1], [0, *index_b, dim - 1]
    a = list(zip(index_a, _values(rng, n, kind), strict=True))
    b = list(zip(index_b, _values(rng, m, kind), strict=True))
    return a, b


def _oracle(a: list, b: list) -> tuple[float, float]:
    """(a . b, sum of |a_i b_i|) from the definition: products over the shared indices, summed
    exactly (ints) or correctly rounded (math.fsum)."""
    values_a = dict(a)
    products = [values_a[i] * v for i, v in b if i in values_a]
    if all(isinstance(p, int) for p in products):
        return sum(products), float(sum(abs(p) for p in products))
    return math.fsum(products), math.fsum(abs(p) for p in products)


def _all_ints(*lists: list) -> bool:
    return all(isinstance(v, int) for pairs in lists for _, v in pairs)


def _shared(a: list, b: list) -> int:
    return len({i for i, _ in a} & {i for i, _ in b})


def _sizes(a: list, b: list) -> str:
    return f"n = {len(a)}, m = {len(b)}, shared indices: {_shared(a, b)}"


def _describe_list(value: object) -> str:
    """What came back in place of a list argument: its length, or what it is."""
    if isinstance(value, list | tuple):
        return f"a {type(value).__name__} of {len(value)} items"
    return repr(value)[:60]


def _as_arrays(pairs: list) -> tuple[np.ndarray, np.ndarray]:
    """A list of (index, value) pairs as two arrays, to cross to the worker cheaply."""
    index = np.array([i for i, _ in pairs], dtype=np.int64)
    dtype = np.int64 if _all_ints(pairs) else np.float64
    return index, np.array([v for _, v in pairs], dtype=dtype)


# ---- recognising the usual slips, for the messages --------------------------------------------


def _walk_with_slip(a: list, b: list, *, wrong_pointer=False, stop_early=False):
    """A two-pointer walk with one deliberate slip, to recognise that slip in a wrong answer."""
    end_a, end_b = (len(a) - 1, len(b) - 1) if stop_early else (len(a), len(b))
    i = j = 0
    total = 0
    while i < end_a and j < end_b:
        (index_a, value_a), (index_b, value_b) = a[i], b[j]
        if index_a == index_b:
            total += value_a * value_b
            i, j = i + 1, j + 1
        elif (index_a < index_b) != wrong_pointer:
            i += 1
        else:
            j += 1
    return total


def _slips(a: list, b: list) -> list[tuple[float, str]]:
    """(what the slip returns on (a, b), its likely cause)."""
    values_a, values_b = dict(a), dict(b)
    missing_as_one = (
        "an index missing from the other list was counted as 1 (e.g. `lookup.get(i, 1)`): a "
        "sparse vector is 0 wherever it lists no entry, so a missing index contributes 0"
    )
    return [
        (
            _walk_with_slip(a, b, wrong_pointer=True),
            "the walk advances the pointer at the LARGER index, stepping past matches; advance "
            "the one at the smaller index (it cannot match anything further on in the other list)",
        ),
        (
            _walk_with_slip(a, b, stop_early=True),
            "the loop stops one step early (a bound like `i < len(a) - 1`), so the last "
            "elements are never compared; run while i < len(a) and j < len(b)",
        ),
        (
            sum(va * vb for (ia, va), (ib, vb) in zip(a, b, strict=False) if ia == ib),
            "a[k] is compared only with b[k], position by position (zip): shared indices sit "
            "at different positions in the two lists; walk two pointers, or look indices up",
        ),
        (sum(v * values_a.get(i, 1) for i, v in b), missing_as_one),
        (sum(v * values_b.get(i, 1) for i, v in a), missing_as_one),
        (
            sum(v + values_a[i] for i, v in b if i in values_a),
            "the two values of a shared index are added, not multiplied",
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
    "The dot product sums a_i * b_i over the indices i listed in BOTH a and b; an index listed "
    "in only one of them contributes nothing"
)


def _expect_dot(got: object, a: list, b: list, what: str, hint: str = "", slips=True) -> None:
    """`got` is one finite number equal to a . b: exactly for ints, within FLOAT_RTOL for floats.
    The message names a recognised slip (with `slips`), else `hint`, else the definition."""
    value = expect_scalar(got, what)
    expect_finite(value, what, "The inputs are finite, and so is their dot product")
    expected, scale = _oracle(a, b)  # the definition, exact or math.fsum
    hint = (slips and _likely_cause(value, a, b)) or hint or DEFAULT_HINT
    if _all_ints(a, b):
        # Int values: the dot product is an int far below 2**53, exact in any order, even in
        # float64, so nothing but the exact value is right.
        assert_close(value, expected, 0.0, 0.0, what, hint)
    else:
        assert_close(value, expected, 0.0, FLOAT_RTOL * scale, what, hint)


# ---- the probe: counted reads and memory, in the worker ----------------------------------------


def call_with_read_counting(ns, function, inputs, cap):
    """Runs in the worker. Calls ns[function] with one read-only list-like sequence of
    (index, value) pairs per entry of `inputs` (an (indices, values) array pair), counting every
    element read; the call is stopped as soon as more than `cap` elements were read. Returns
    the result, the reads per argument, whether the call was stopped, and the peak memory the
    call allocated (tracemalloc)."""
    import collections.abc
    import tracemalloc

    reads = [0] * len(inputs)
    stopped = [False]

    class TooManyReads(BaseException):
        """Ends the student's call at read number cap + 1: a nested loop is not run out."""

    def count(which, how_many):
        reads[which] += how_many
        if sum(reads) > cap:
            stopped[0] = True
            raise TooManyReads(f"more than {cap} elements read")

    class ReadOnlyPairs(collections.abc.Sequence):
        """A list of (index, value) tuples that counts reads: len() is free; an index, one
        step of iteration, or each element a slice or a copy takes costs one read. index(),
        count(), `in` and reversed() come from collections.abc.Sequence, so they count too."""

        def __init__(self, pairs, which):
            self._pairs = pairs
            self._which = which

        def __len__(self):
            return len(self._pairs)

        def __getitem__(self, key):
            if isinstance(key, slice):
                part = self._pairs[key]
                count(self._which, len(part))
                return ReadOnlyPairs(part, self._which)
            pair = self._pairs[key]
            count(self._which, 1)
            return pair

        def __iter__(self):
            for pair in self._pairs:
                count(self._which, 1)
                yield pair

        def copy(self):
            return list(self)

        def __getattr__(self, name):
            if name in ("append", "extend", "insert", "pop", "remove", "sort", "reverse", "clear"):
                raise AttributeError(
                    f".{name}() is not available: the grader passes a read-only list-like "
                    f"sequence here, and the function must not change its inputs"
                )
            raise AttributeError(name)

        def __add__(self, other):
            return list(self) + list(other)

        def __radd__(self, other):
            return list(other) + list(self)

        def __repr__(self):
            return f"<read-only sequence of {len(self._pairs)} (index, value) pairs>"

    arguments = [
        ReadOnlyPairs(list(zip(index.tolist(), values.tolist(), strict=True)), which)
        for which, (index, values) in enumerate(inputs)
    ]
    student_function = ns[function]
    value = None
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        try:
            value = student_function(*arguments)
        except TooManyReads:
            pass
        peak = tracemalloc.get_traced_memory()[1] - before
    finally:
        tracemalloc.stop()
    return {"value": value, "reads": reads, "stopped": stopped[0], "peak_bytes": peak}


def _counted_call(student, function: str, lists: list[list], cap: int) -> dict:
    inputs = [_as_arrays(pairs) for pairs in lists]
    return student.probe(call_with_read_counting, function=function, inputs=inputs, cap=cap)


# ---- shapes ----------------------------------------------------------------------------------


def test_each_dot_function_returns_one_number(student):
    a = [(1, 2.0), (4, -1.5), (9, 3.0)]
    b = [(4, 2.0), (9, 1.0), (12, 5.0)]
    for function, name in NAMES.items():
        expect_scalar(getattr(student, function)(a, b), f"{name} for n = m = 3")


# ---- correctness -----------------------------------------------------------------------------

# (n, m, shared, D): lengths unequal on purpose, overlaps from complete to sparse.
RANDOM_CASES = [(1, 1, 1, 10), (40, 60, 25, 1000), (300, 200, 120, 10**6), (7, 400, 3, 10**4)]


def _check_random_cases(student, function: str, seed: int) -> None:
    rng = np.random.default_rng(seed)
    for n, m, shared, dim in RANDOM_CASES:
        a, b = _sparse_pair(rng, n, m, shared, dim)
        got = getattr(student, function)(a, b)
        _expect_dot(got, a, b, f"{NAMES[function]} for {_sizes(a, b)}, int values")


def test_dot_hash_matches_exact_sum_on_random_sparse_vectors(student):
    _check_random_cases(student, "dot_hash", seed=0)


def test_dot_two_pointer_matches_exact_sum_on_random_sparse_vectors(student):
    _check_random_cases(student, "dot_two_pointer", seed=1)


def test_empty_lists_give_zero(student):
    b = [(3, 2), (8, -4)]
    cases = [([], []), ([], b), (b, [])]
    for function, name in NAMES.items():
        for a, other in cases:
            what = f"{name} with len(a) = {len(a)}, len(b) = {len(other)}"
            hint = (
                "An empty list is the zero vector: its dot product with anything is 0. Guard "
                "reads such as a[0] or a[-1], which fail on an empty list"
            )
            _expect_dot(getattr(student, function)(a, other), a, other, what, hint)


def test_missing_index_contributes_zero_not_one(student):
    cases = [
        ([(0, 2), (2, 3), (4, -1)], [(1, 5), (3, 7)]),  # interleaved, nothing shared: 0
        ([(0, 1), (10, 2)], [(20, 3), (30, 4)]),  # all of a before all of b: 0
        ([(1, 4), (5, 6), (9, 2)], [(2, 3), (5, -2), (7, 8)]),  # one shared index: -12
    ]
    for function, name in NAMES.items():
        for a, b in cases:
            _expect_dot(getattr(student, function)(a, b), a, b, f"{name} for a = {a}, b = {b}")


def test_negative_and_float_values_match_fsum(student):
    rng = np.random.default_rng(2)
    cases = [_sparse_pair(rng, 300, 250, 150, 10**6, kind="float")]
    # Mixed: floats in a, ints in b; and a sum that nearly cancels.
    cases.append(([(2, 0.5), (5, -1.25), (6, 3.0)], [(2, 4), (5, 2), (6, 1), (9, -7)]))
    cases.append(([(1, 1e8), (2, 1.0), (3, -1e8)], [(1, 1.5), (2, 0.25), (3, 1.5)]))
    for function, name in NAMES.items():
        for a, b in cases:
            what = f"{name} for {_sizes(a, b)}, float values of both signs"
            _expect_dot(getattr(student, function)(a, b), a, b, what)


def test_indices_near_1e9_need_no_dense_vector(student):
    rng = np.random.default_rng(3)
    # D = 10**9, both lists hold index 0 and index 10**9 - 1: a dense vector needs 8 GB.
    a, b = _sparse_pair(rng, 60, 80, 30, 10**9, ends=True)
    for function, name in NAMES.items():
        what = f"{name} for indices up to 10**9 - 1 ({_sizes(a, b)})"
        hint = "Keep to the non-zeros: with D = 10**9 a dense vector of D entries cannot be built"
        _expect_dot(getattr(student, function)(a, b), a, b, what, hint)


def test_one_short_list_against_a_long_one_sharing_first_and_last_index(student):
    rng = np.random.default_rng(4)
    long, _ = _sparse_pair(rng, 5000, 1, 0, 10**6)
    # The short list shares the long one's first, a middle and its last index.
    short = [(long[0][0], 3), (long[2500][0], -2), (long[2500][0] + 1, 5), (long[-1][0], 7)]
    for function, name in NAMES.items():
        for a, b in ((short, long), (long, short)):
            what = f"{name} for {_sizes(a, b)} (the short list holds long[0] and long[-1])"
            _expect_dot(getattr(student, function)(a, b), a, b, what)


def _expect_unchanged(name: str, names: tuple, before: tuple, after: tuple) -> None:
    """Each list argument, as the worker holds it after the call, must equal what was sent."""
    for arg, sent, now in zip(names, before, after, strict=True):
        if now == sent:
            continue
        detail = f"it had {len(sent)} pairs and now is {_describe_list(now)}"
        if isinstance(now, list) and len(now) == len(sent):
            k = next(k for k, (x, y) in enumerate(zip(now, sent, strict=True)) if x != y)
            detail = f"{arg}[{k}] was {sent[k]!r} and is now {now[k]!r}"
        raise AssertionError(
            f"{name} changed its `{arg}` argument: {detail}. The caller's lists must stay "
            f"as they were. Likely cause: pop(), del, sort(), reverse() or an assignment "
            f"into the list; walk it with indices or iterate over it instead"
        )


def test_inputs_are_not_modified(student):
    rng = np.random.default_rng(5)
    a, b = _sparse_pair(rng, 30, 40, 12, 1000)
    for function, name in NAMES.items():
        _, after = student.call_seeing_inputs(function, a, b)
        _expect_unchanged(name, ("a", "b"), (a, b), after)


def test_dot_hash_does_not_need_sorted_lists(student):
    # The hash map needs no order: "It does not need the lists sorted" (approach A). The
    # same vectors as sorted lists, shuffled; the dot product does not depend on the order.
    rng = np.random.default_rng(11)
    a, b = _sparse_pair(rng, 40, 50, 20, 10**4)
    shuffled_a = [a[k] for k in rng.permutation(len(a))]
    shuffled_b = [b[k] for k in rng.permutation(len(b))]
    hint = (
        "The dict does not care about order: build it over one list, look up every index of "
        "the other, and visit all of them (no early break at a[-1][0], no merge that assumes "
        "increasing indices)"
    )
    for x, y, what in (
        (shuffled_a, shuffled_b, "both"),
        (a, shuffled_b, "b"),
        (shuffled_a, b, "a"),
    ):
        _expect_dot(
            student.dot_hash(x, y), x, y, f"{HASH} for {_sizes(x, y)}, {what} unsorted", hint
        )


def test_binary_search_matches_exact_sum_including_first_and_last_index(student):
    rng = np.random.default_rng(6)
    long, _ = _sparse_pair(rng, 3000, 1, 0, 10**6)
    first, middle, last = long[0][0], long[1500][0], long[-1][0]
    taken = {i for i, _ in long}
    between = next(i for i in range(middle + 1, last) if i not in taken)  # not in `long`
    off_by_one = (
        "An off-by-one in the search bounds: a one-element range is never read (`while lo < hi` "
        "on an inclusive range [lo, hi], or hi = len(long) - 1 on a half-open one [lo, hi)). "
        "Every position 0 .. len(long) - 1 must be reachable"
    )
    beyond = (
        "An index beyond either end of `long` contributes 0: its insertion position is 0 or "
        "len(long), so check pos < len(long) and long[pos][0] == index before using long[pos]"
    )
    cases = [  # (short, long, hint when wrong)
        ([(last, 4)], long, f"The last element of `long` is not found. {off_by_one}"),
        ([(first, -1)], long, f"The first element of `long` is not found. {off_by_one}"),
        ([(first, 2), (middle, -3), (last, 5)], long, off_by_one),
        ([(first - 1, 6), (between, 7), (last + 1, 8)], long, beyond),  # none in `long`
        ([], long, "An empty `short` is the zero vector: the dot product is 0"),
        ([(5, 1.5)], [], "An empty `long` is the zero vector: the dot product is 0"),
        ([(5, 1.5)], [(5, -2.0)], off_by_one),
        ([(4, 1.5)], [(5, -2.0)], beyond),
        ([(6, 1.5)], [(5, -2.0)], beyond),
    ]
    short, _ = _sparse_pair(rng, 15, 1, 0, 10**6)
    cases.append((sorted(short + [(middle, 9)]), long, DEFAULT_HINT))
    for short, long_list, hint in cases:
        what = (
            f"{SEARCH} for short = {short[:3]}{' ...' if len(short) > 3 else ''} "
            f"(len(short) = {len(short)}, len(long) = {len(long_list)})"
        )
        got = student.dot_binary_search(short, long_list)
        _expect_dot(got, short, long_list, what, hint, slips=False)


def test_binary_search_leaves_its_inputs_unchanged(student):
    rng = np.random.default_rng(12)
    long, _ = _sparse_pair(rng, 200, 1, 0, 10**5)
    short = [long[3], (long[50][0] + 1, 2), long[120], long[-1]]
    short = [(i, -v if k % 2 else 2 * v) for k, (i, v) in enumerate(short)]  # sorted by index
    _, after = student.call_seeing_inputs("dot_binary_search", short, long)
    _expect_unchanged(SEARCH, ("short", "long"), (short, long), after)


def _resumed_one_past(short: list, long: list) -> int | float:
    """The slip, to recognise it: each search starts one past where the previous one ended,
    also after a miss (a correct lower bound otherwise)."""
    total, lo = 0, 0
    for index, value in short:
        pos = lo
        while pos < len(long) and long[pos][0] < index:
            pos += 1
        if pos < len(long) and long[pos][0] == index:
            total += value * long[pos][1]
        lo = pos + 1
    return total


def test_binary_search_resumes_at_the_position_found_not_one_past_it(student):
    # Each case has an index of `short` missing from `long` right before one that is in it:
    # the miss's insertion position holds the next index. A search that resumes at pos + 1
    # after a miss skips it (after a hit, pos + 1 is fine).
    long = [(2, 1), (5, 4), (9, -1), (12, 2), (20, 3)]
    cases = [
        [(4, 2), (5, 3)],  # 4 -> position 1, which holds 5
        [(1, 2), (2, 3), (13, 1), (20, -2)],  # 1 -> position 0 (2); 13 -> position 4 (20)
        [(5, 1), (10, 2), (12, 5)],  # a hit, then 10 -> position 3, which holds 12
    ]
    resume_hint = (
        "Likely cause: the next search resumed one past the position where the previous one "
        "ended, also after a miss. After a miss that position holds the first index of `long` "
        "that is larger, and the next index of `short` may be exactly that one: resume at "
        "lo = pos, not lo = pos + 1 (if yours already does, check the search bounds: every "
        "position 0 .. len(long) - 1 must be reachable)"
    )
    for short in cases:
        what = f"{SEARCH} for short = {short}, long = {long}"
        got = student.dot_binary_search(short, long)
        slip = _resumed_one_past(short, long)
        matches_slip = isinstance(got, int | float | np.number) and got == slip
        hint = resume_hint if matches_slip else ""
        _expect_dot(got, short, long, what, hint, slips=False)


# ---- complexity ------------------------------------------------------------------------------

COUNT_N = COUNT_M = 2000


def _plain_call_first(student, function: str) -> None:
    """A plain call on tiny lists before any probe, so that a missing or unfinished function is
    reported under its own name (the probe's failures carry the probe's name)."""
    tiny_a, tiny_b = [(1, 2), (4, 3)], [(4, 5), (7, 1)]
    got = getattr(student, function)(tiny_a, tiny_b)
    _expect_dot(got, tiny_a, tiny_b, f"{NAMES[function]} for a = {tiny_a}, b = {tiny_b}")


def _check_linear_reads(student, function: str, seed: int, causes: str) -> None:
    name = NAMES[function]
    _plain_call_first(student, function)
    a, b = _sparse_pair(np.random.default_rng(seed), COUNT_N, COUNT_M, 600, 10**6)
    limit = READS_PER_ELEMENT * (COUNT_N + COUNT_M)
    result = _counted_call(student, function, [a, b], cap=limit)
    read_a, read_b = result["reads"]
    if result["stopped"] or read_a + read_b > limit:
        raise AssertionError(
            f"{name} read more than {limit} elements of a and b for n = m = {COUNT_N} "
            f"(stopped after {read_a} reads of a and {read_b} of b): expected O(n + m), at most "
            f"{READS_PER_ELEMENT} (n + m) = {limit} reads; a nested loop over both lists reads "
            f"about n * m = {COUNT_N * COUNT_M:,}. Likely cause: {causes}"
        )
    _expect_dot(result["value"], a, b, f"{name} for {_sizes(a, b)}")


def test_dot_hash_reads_each_element_a_constant_number_of_times(student):
    _check_linear_reads(
        student,
        "dot_hash",
        seed=7,
        causes="each index of one list is searched for by scanning the other (a nested loop, "
        "`in` or .index() on a list of pairs). Build a dict from one list once (n reads), then "
        "look up each index of the other in it (m reads)",
    )


def test_dot_two_pointer_reads_each_element_a_constant_number_of_times(student):
    _check_linear_reads(
        student,
        "dot_two_pointer",
        seed=8,
        causes="a nested loop, a pointer restarted from 0, or a slice such as a[i:] taken "
        "inside the loop (each slice copies, and every copied element is a read). Each step "
        "reads a[i] and b[j] once and moves at least one pointer forward",
    )


def test_memory_grows_with_nonzeros_not_dimension(student):
    # Few non-zeros in a large space: here memory, not reads, tells a dense vector apart (a
    # nested loop reads n * m = 90,000 elements, below the backstop cap; the read-count tests
    # judge it).
    n = m = 300
    dim = 10**7
    a, b = _sparse_pair(np.random.default_rng(9), n, m, 100, dim, ends=True)
    limit = MEMORY_BASE_BYTES + MEMORY_BYTES_PER_ELEMENT * (n + m)
    for function, name in NAMES.items():
        _plain_call_first(student, function)
        result = _counted_call(student, function, [a, b], cap=10**7)
        peak = result["peak_bytes"]
        assert isinstance(peak, int) and peak <= limit, (
            f"{name} allocated {peak / 1e6:.1f} MB at its peak for n = m = {n} non-zeros "
            f"with indices up to D - 1 = {dim - 1:,}: expected memory that grows with n + m, "
            f"at most {limit / 1e6:.1f} MB here. Likely cause: a dense vector of length D (the "
            f"largest index + 1), which is 80 MB of floats here and 8 GB at D = 10**9; keep to "
            f"the non-zeros (a dict over one list, or two pointers)"
        )
        _expect_dot(result["value"], a, b, f"{name} for {_sizes(a, b)}, D = {dim:,}")


def test_binary_search_reads_long_list_logarithmically(student):
    tiny_short, tiny_long = [(4, 2)], [(1, 1), (4, 3), (7, 1)]
    got = student.dot_binary_search(tiny_short, tiny_long)
    _expect_dot(got, tiny_short, tiny_long, f"{SEARCH} for short = [(4, 2)]", slips=False)
    rng = np.random.default_rng(10)
    long_size = 20_000
    long, _ = _sparse_pair(rng, long_size, 1, 0, 10**9 - 2000)
    long = [(i + 1000, v) for i, v in long]  # indices in [1000, 10**9 - 1000)
    hits = [long[0], long[-1]] + [long[k] for k in rng.choice(long_size, size=8, replace=False)]
    taken = {i for i, _ in long}
    misses = [5, 10**9 - 5] + [int(i) for i in rng.integers(1000, 10**9 - 1000, size=8)]
    short = sorted({(i, 3) for i, _ in hits} | {(i, -2) for i in misses if i not in taken})
    limit = int(READS_PER_SEARCH_STEP * len(short) * (math.log2(long_size) + 2))
    result = _counted_call(student, "dot_binary_search", [short, long], cap=limit)
    read_short, read_long = result["reads"]
    if result["stopped"] or read_short + read_long > limit:
        raise AssertionError(
            f"{SEARCH} read more than {limit} elements for len(short) = {len(short)}, "
            f"len(long) = {long_size:,} (stopped after {read_short} reads of short and "
            f"{read_long} of long): expected O(short * log long), at most "
            f"{READS_PER_SEARCH_STEP} * short * (log2(long) + 2) = {limit} reads; reading long "
            f"once already takes {long_size:,}. Likely cause: a linear scan of `long`, or a copy "
            f"of it before searching (`[i for i, _ in long]`, list(long), a slice, np.array): "
            f"binary-search `long` in place, with bisect.bisect_left(long, i, key=lambda p: "
            f"p[0]) or a loop over positions lo/hi"
        )
    _expect_dot(
        result["value"], short, long, f"{SEARCH} for len(long) = {long_size:,}", slips=False
    )
