"""Grading suite for lc528_weighted_pick.

The student writes the class `Solution(w)` with the method `pickIndex()`: each call returns an
index i in [0, n) with probability w[i] / W. Letters: n = len(w) weights, positive ints;
W = sum(w) the total weight; prefix[i] = w[0] + ... + w[i] the prefix sums, prefix[n - 1] = W.

Every expected value is computed in this file from the definition, P(i) = w[i] / W, with exact
ints. A sampler is random, so its picks are checked by a chi-square goodness-of-fit test
(`checks.expect_counts_fit`): Pearson's X^2 over the n indices against the (1 - alpha) quantile
of chi-square with n - 1 degrees of freedom. Each test that runs m such checks gives each the
level alpha = 1e-6 / m, so a correct sampler fails the test with probability below 1e-6, by the
union bound, whatever the seed (three tests: below 3e-6 for the whole suite). That rests on
the chi-square approximation, which is sound here: every expected count is at least 100.
The probes seed `random` and NumPy's global generator, so a run is reproducible.

Complexity is counted, not timed: a probe builds the sampler from a list of weights that counts
its element reads and the additions made on the weights, then swaps each list, tuple or NumPy
array the instance keeps for a copy that counts its element reads, and counts the reads and
additions of every pick (tracemalloc measures the memory each pick allocates). Calls are
stopped at a cap, so a linear scan per pick is never run out. Each test is named for the
gotcha it catches. Categories and points live in grading.yml.
"""

import collections

import numpy as np

from autograder.checks import chi_square_quantile, describe, expect_counts_fit

CLASS = "`Solution(w)`"
PICK = "`Solution(w).pickIndex()`"
FALSE_FAILURE = 1e-6  # per test: split evenly over the test's chi-square checks

# ---- complexity bounds -----------------------------------------------------------------------
# n = 2**14 weights drawn from 1 .. 100, 64 picks. Counted operations: element reads of `w`
# and of every list, tuple or array the instance keeps, and additions on the weights.
# Construction: a running total reads each weight once and adds it once, 2n; `sum(w)` on top
# is 4n. Bound 16n = 262,144; prefix sums by slices (sum(w[:i + 1]) for every i) cost
# n (n + 1) = 268 million, about 16,000n.
# A pick: a binary search reads ceil(log2(n + 1)) = 15 prefix sums whatever the draw (bisect,
# random.choices(cum_weights=...), a hand-written loop; 16 with prefix[-1] for the total).
# Bound 4 (log2 n + 2) = 64 per pick on average; a linear scan reads n / 2 = 8,192 on average
# (so 64 picks stay under the bound only if every draw lands among the first 64 indices,
# probability about 4**-64), and recomputing the prefix sums reads and adds all n weights.
# Memory: an honest pick allocates a few hundred bytes (a float, an int); a NumPy temporary
# of n entries, such as `prefix > r` or np.random.choice(n, p=p) (which builds its cdf per
# call), takes 16 KB (bool) to 128 KB (float64). Bound 4 KB per pick.
# Measured on the variants: the right ones make 1n to 2n in the constructor, 0 to 15 counted
# reads per pick (np.searchsorted reads in C: 0) and allocate 64 to 748 bytes per pick; a
# linear scan reads 7,577 per pick on average, random.choices(weights=w) makes 32,767 per pick
# and allocates 646 KB, np.argmax(prefix >= r) allocates 16.7 KB, sum(w[:i + 1]) is stopped at
# the 16n cap.
COUNT_N = 2**14
COUNT_PICKS = 64
CONSTRUCT_OPS_PER_WEIGHT = 16
PICK_OPS = 4 * (14 + 2)
MEMORY_PICKS = 4
MEMORY_BYTES_PER_PICK = 4096


# ---- probes: run in the worker ----------------------------------------------------------------


def probe_picks(ns, w, picks, seed):
    """Runs in the worker. Seeds `random` and NumPy's global generator, builds
    ns["Solution"](weights) from a copy of w, and calls pickIndex() `picks` times. Returns
    the picks as ints, what came back instead of an int index (stopping there), and the
    weights list as it is after the calls."""
    import random

    import numpy as np

    random.seed(seed)
    np.random.seed(seed % 2**32)
    weights = list(w)
    sampler = ns["Solution"](weights)
    drawn = []
    bad = None
    for _ in range(picks):
        index = sampler.pickIndex()
        if isinstance(index, bool | np.bool_) or not isinstance(index, int | np.integer):
            bad = [type(index).__name__, repr(index)[:80]]
            break
        if not 0 <= index < len(w):
            bad = ["out of range", int(index) if abs(index) < 2**62 else repr(index)[:80]]
            break
        drawn.append(int(index))
    return {"picks": np.array(drawn, dtype=np.int64), "bad": bad, "w_after": weights}


def probe_counted_sampler(ns, w, picks, seed, construct_cap, pick_cap, trace_memory):
    """Runs in the worker. Builds ns["Solution"] from a list of weights that counts element
    reads (an index, a step of iteration, each element a slice or copy takes) and additions
    on the weights (they are ints that count `+`), stopping the constructor at construct_cap.
    Then every list, tuple or 1-D NumPy array among the instance's attributes is replaced by a
    copy that counts its element reads, and `picks` calls of pickIndex() are counted the same
    way, stopped at pick_cap in all. With trace_memory, tracemalloc measures the largest
    amount of memory one pick allocated. Returns the counts and the picks as plain data."""
    import random
    import tracemalloc

    import numpy as np

    state = {"ops": 0, "cap": construct_cap}

    class TooManyOperations(BaseException):
        """Ends the student's call once the cap is passed: a scan is not run out."""

    def count(how_many):
        state["ops"] += how_many
        if state["ops"] > state["cap"]:
            raise TooManyOperations(f"more than {state['cap']} reads and additions")

    def plain(value):
        return int(value) if isinstance(value, CountedWeight) else value

    class CountedWeight(int):
        """A weight: an int whose additions are counted; a sum is a plain int again."""

        def __add__(self, other):
            count(1)
            return int(self) + plain(other)

        def __radd__(self, other):
            count(1)
            return plain(other) + int(self)

    class CountedList(list):
        """A list whose element reads are counted; len() is free."""

        def __getitem__(self, key):
            item = list.__getitem__(self, key)
            count(len(item) if isinstance(key, slice) else 1)
            return item

        def __iter__(self):
            for item in list.__iter__(self):
                count(1)
                yield item

        def __reversed__(self):
            for item in list.__reversed__(self):
                count(1)
                yield item

        def __contains__(self, value):
            return any(item == value for item in self)

        def index(self, value, *bounds):
            return list(self).index(value, *bounds)

        def copy(self):
            return list(self)

    class CountedTuple(tuple):
        """A tuple whose element reads are counted; len() is free."""

        def __getitem__(self, key):
            item = tuple.__getitem__(self, key)
            count(len(item) if isinstance(key, slice) else 1)
            return item

        def __iter__(self):
            for item in tuple.__iter__(self):
                count(1)
                yield item

    class CountedArray(np.ndarray):
        """A NumPy array whose element reads from Python are counted (indexing, iteration);
        whole-array operations such as np.searchsorted read in C and are not counted: the
        memory they allocate is what the memory test measures."""

        def __getitem__(self, key):
            item = np.ndarray.__getitem__(self, key)
            count(int(np.size(item)))
            return item

        def __iter__(self):
            for k in range(len(self)):
                count(1)
                yield np.ndarray.__getitem__(self, k)

    random.seed(seed)
    np.random.seed(seed % 2**32)
    weights = CountedList(CountedWeight(v) for v in w)
    report = {"construct_ops": 0, "construct_stopped": False, "instrumented": []}
    report.update({"pick_ops": 0, "picks_done": 0, "pick_stopped": False, "peak_bytes": None})
    report.update({"picks": [], "bad": None})
    try:
        sampler = ns["Solution"](weights)
    except TooManyOperations:
        report["construct_ops"], report["construct_stopped"] = state["ops"], True
        return report
    report["construct_ops"] = state["ops"]

    names = list(getattr(sampler, "__dict__", {}))
    for klass in type(sampler).__mro__:
        slots = getattr(klass, "__slots__", ())
        names += [slots] if isinstance(slots, str) else list(slots)
    for name in dict.fromkeys(names):
        value = getattr(sampler, name, None)
        if isinstance(value, CountedList | CountedTuple | CountedArray):
            counted = value  # already counting (the weights list itself, kept or changed)
        elif type(value) is list:
            counted = CountedList(value)
        elif type(value) is tuple:
            counted = CountedTuple(value)
        elif type(value) is np.ndarray and value.ndim == 1:
            counted = value.view(CountedArray)
        else:
            continue
        if counted is not value:
            setattr(sampler, name, counted)
        report["instrumented"].append([name, type(value).__name__, len(counted)])

    state["ops"], state["cap"] = 0, pick_cap
    peak = 0
    if trace_memory:
        tracemalloc.start()
    try:
        for _ in range(picks):
            if trace_memory:
                tracemalloc.reset_peak()
                before = tracemalloc.get_traced_memory()[0]
            index = sampler.pickIndex()
            if trace_memory:
                peak = max(peak, tracemalloc.get_traced_memory()[1] - before)
            if isinstance(index, bool | np.bool_) or not isinstance(index, int | np.integer):
                report["bad"] = [type(index).__name__, repr(index)[:80]]
                break
            report["picks"].append(int(index) if abs(index) < 2**62 else -1)
            report["picks_done"] += 1
    except TooManyOperations:
        report["pick_stopped"] = True
    finally:
        if trace_memory:
            tracemalloc.stop()
    report["pick_ops"] = state["ops"]
    report["peak_bytes"] = peak if trace_memory else None
    return report


def probe_two_samplers(ns, w_first, w_second, picks, seed):
    """Runs in the worker. Seeds `random` and NumPy's global generator, builds
    ns["Solution"](w_first), then ns["Solution"](w_second), then alternates `picks` picks of
    each, first one first. Returns both lists of picks (anything that is not an int index
    as [type name, repr])."""
    import random

    import numpy as np

    random.seed(seed)
    np.random.seed(seed % 2**32)
    samplers = [ns["Solution"](list(w_first)), ns["Solution"](list(w_second))]
    drawn = [[], []]
    for _ in range(picks):
        for which in (0, 1):
            index = samplers[which].pickIndex()
            if isinstance(index, bool | np.bool_) or not isinstance(index, int | np.integer):
                index = [type(index).__name__, repr(index)[:80]]
            elif abs(index) < 2**62:
                index = int(index)
            else:
                index = [type(index).__name__, repr(index)[:80]]
            drawn[which].append(index)
    return {"first": drawn[0], "second": drawn[1]}


# ---- calling the student, checking what comes back ---------------------------------------------


def _weights_text(w: list) -> str:
    shown = ", ".join(str(v) for v in w[:10])
    return f"w = [{shown}{', ...' if len(w) > 10 else ''}] (n = {len(w)}, W = {sum(w)})"


OUT_OF_RANGE_HINT = (
    "An index must lie in 0 .. n - 1. The usual cause: the search returns the first prefix "
    "sum GREATER than the draw (bisect_right) while the draw runs over 1 .. W "
    "(random.randint(1, total)): a draw of W has no prefix sum above it. Pair randint(1, "
    "total) with bisect_left (first prefix[i] >= r), or randrange(total) with bisect_right"
)


def _picks(student, w: list, picks: int, seed: int) -> list[int]:
    """`picks` picks from a fresh Solution(w), as a list of ints in [0, n), else a failure."""
    result = student.probe(probe_picks, for_function="Solution", w=w, picks=picks, seed=seed)
    what = f"{PICK} for {_weights_text(w)}"
    if not isinstance(result, dict) or not isinstance(result.get("picks"), np.ndarray):
        raise AssertionError(f"{CLASS} could not be driven: got {describe(result)}")
    drawn = result["picks"]
    bad = result.get("bad")
    if bad is not None:
        kind, value = (list(bad) + ["?", "?"])[:2]
        if kind == "out of range":
            raise AssertionError(
                f"{what}: pick {len(drawn) + 1} returned {value}, outside 0 .. n - 1 = "
                f"{len(w) - 1}. {OUT_OF_RANGE_HINT}"
            )
        raise AssertionError(
            f"{what}: pick {len(drawn) + 1} returned {value} (a {kind}), expected an int "
            f"index. Likely cause: returning the weight or the draw instead of its position, "
            f"or a float from arithmetic (use // or int(...), or the position bisect returns)"
        )
    if drawn.dtype.kind not in "iu" or drawn.ndim != 1 or len(drawn) != picks:
        raise AssertionError(f"{CLASS} could not be driven: got {len(drawn)} of {picks} picks")
    if len(drawn) and not (0 <= drawn.min() and drawn.max() < len(w)):
        raise AssertionError(f"{what}: an index outside 0 .. n - 1 came back")
    return [int(i) for i in drawn]


def _counts(drawn: list[int], n: int) -> list[int]:
    seen = collections.Counter(drawn)
    return [seen[i] for i in range(n)]


def _slips(w: list) -> list[tuple[list[float], str]]:
    """(the probabilities a slip picks with, its likely cause), for int weights w."""
    n, total = len(w), sum(w)
    slips = []
    zero_inclusive = [(w[0] + 1) / (total + 1)] + [v / (total + 1) for v in w[1:]]
    slips.append(
        (
            zero_inclusive,
            "the draw can be 0: random.randint(0, total) includes both ends, so index 0 gets "
            "one draw value too many. Draw r = random.randint(1, total) and take the first i "
            "with prefix[i] >= r (bisect_left)",
        )
    )
    if n > 1:
        shifted_up = [w[0] + 1] + list(w[1:-1]) + [w[-1] - 1]
        slips.append(
            (
                [v / total for v in shifted_up],
                "the draw runs over 0 .. W - 1 (random.randrange(total)) but the search takes "
                "the first prefix[i] >= r (bisect_left): index 0 gets one draw value too many "
                "and the last index one too few. Draw from 1 .. W (random.randint(1, total)) "
                "for bisect_left, or keep 0 .. W - 1 and take the first prefix[i] > r "
                "(bisect_right)",
            )
        )
        shifted_down = [w[0] - 1] + list(w[1:-1]) + [w[-1] + 1]
        slips.append(
            (
                [v / total for v in shifted_down],
                "the search takes the first prefix sum GREATER than the draw (bisect_right, or "
                "`prefix[mid] <= r` moving lo in a loop) while the draw runs over 1 .. W: index "
                "0 gets one draw value too few and the last index one too many. With r = "
                "random.randint(1, total), find the first i with prefix[i] >= r",
            )
        )
    slips.append(([1 / n] * n, "every index comes up equally often: the weights are not used"))
    slips.append(
        (
            [(i + 1) / (n * (n + 1) / 2) for i in range(n)],
            "index i comes up in proportion to i + 1, not to w[i]: the prefix sums add up the "
            "positions (a loop `for i in range(n)` that adds i instead of w[i]?)",
        )
    )
    return slips


def _fits(counts: list[int], probabilities: list[float]) -> bool:
    """Do the counts fit these probabilities (chi-square at 1e-6)? Cells of probability 0
    must stay empty."""
    draws = sum(counts)
    if any(p == 0 and c > 0 for c, p in zip(counts, probabilities, strict=True)):
        return False
    cells = [(c, draws * p) for c, p in zip(counts, probabilities, strict=True) if p > 0]
    if len(cells) < 2:
        return True
    statistic = sum((c - e) ** 2 / e for c, e in cells)
    return statistic <= chi_square_quantile(len(cells) - 1, 1e-6)


def _likely_cause(counts: list[int], w: list) -> str:
    total = sum(w)
    causes = [
        cause
        for probabilities, cause in _slips(w)
        if probabilities != [v / total for v in w] and _fits(counts, probabilities)
    ]
    return f"Likely cause: {causes[0]}" if len(causes) == 1 else ""


def _expect_weighted(drawn: list[int], w: list, what: str, alpha: float, hint: str) -> None:
    counts = _counts(drawn, len(w))
    total = sum(w)
    expect_counts_fit(
        counts,
        [v / total for v in w],
        what,
        _likely_cause(counts, w) or hint,
        labels=[f"index {i} (w = {v})" for i, v in enumerate(w)],
        false_failure=alpha,
    )


# ---- shapes ----------------------------------------------------------------------------------


def test_pick_index_returns_an_int_index_in_range(student):
    rng = np.random.default_rng(0)
    cases = [[7], [3, 1], [5, 1, 4, 2, 8], [int(v) for v in rng.integers(1, 101, size=100)]]
    for seed, w in enumerate(cases):
        _picks(student, w, 300, seed)


# ---- correctness -----------------------------------------------------------------------------


def test_picks_follow_the_weights_by_chi_square(student):
    """Two weight lists, 24,000 picks each, chi-square at 5e-7 each: a correct sampler fails
    this test with probability below 1e-6."""
    rng = np.random.default_rng(1)
    cases = [
        [int(v) for v in rng.integers(10, 101, size=12)],
        [1000, 10, 300, 50, 640],  # skewed: one index takes half of the weight
    ]
    for seed, w in enumerate(cases, start=10):
        drawn = _picks(student, w, 24_000, seed)
        _expect_weighted(
            drawn,
            w,
            f"{PICK} for {_weights_text(w)}",
            FALSE_FAILURE / len(cases),
            "Each index must come up with probability w[i] / W: draw r uniformly from 1 .. W "
            "and return the first i with prefix[i] >= r",
        )


def test_weights_list_is_left_unchanged(student):
    w = [int(v) for v in np.random.default_rng(2).integers(1, 50, size=20)]
    result = student.probe(probe_picks, for_function="Solution", w=w, picks=10, seed=3)
    after = result.get("w_after") if isinstance(result, dict) else None
    if after != w:
        detail = f"it is now {describe(after)}"
        if isinstance(after, list) and len(after) == len(w):
            i = next(i for i, (x, y) in enumerate(zip(after, w, strict=True)) if x != y)
            detail = f"w[{i}] was {w[i]} and is now {after[i]!r}"
        raise AssertionError(
            f"{CLASS} changed the caller's list w ({_weights_text(w)}): {detail}. Likely "
            f"cause: prefix sums computed in place (w[i] += w[i - 1]); build a new list "
            f"(itertools.accumulate(w), or append running totals to a list of your own)"
        )


def test_two_samplers_keep_their_own_prefix_sums(student):
    """Solution([3, 1]) built first, then Solution([1]); 200 picks of each, alternating.
    The second must always return 0; the first returns 0 and 1, and a correct sampler misses
    one of them in all 200 picks with probability below 0.75**200 + 0.25**200 < 1e-24."""
    w_first, w_second, picks = [3, 1], [1], 200
    result = student.probe(
        probe_two_samplers,
        for_function="Solution",
        w_first=w_first,
        w_second=w_second,
        picks=picks,
        seed=4,
    )
    if not isinstance(result, dict) or not all(
        isinstance(result.get(key), list) for key in ("first", "second")
    ):
        raise AssertionError(f"{CLASS} could not be driven: got {describe(result)}")
    hint = (
        "Likely cause: the prefix sums live in a class attribute (`prefix = []` in the class "
        "body, then self.prefix.append(...)), one list shared by every Solution, so the "
        "second sampler appends to the first one's sums. Create the list in __init__: "
        "self.prefix = []"
    )
    what = "Two samplers, Solution([3, 1]) built first and Solution([1]) second,"
    for name, w, drawn in (
        ("first", w_first, result["first"]),
        ("second", w_second, result["second"]),
    ):
        bad = next((i for i in drawn if not isinstance(i, int) or not 0 <= i < len(w)), None)
        if bad is not None:
            shown = f"{bad[1]} (a {bad[0]})" if isinstance(bad, list) else str(bad)
            raise AssertionError(
                f"{what} picked alternately: a pick of the {name}, Solution({w}), returned "
                f"{shown}, expected an index in 0 .. {len(w) - 1}. {hint}"
            )
    seen = set(result["first"])
    if seen != {0, 1}:
        raise AssertionError(
            f"{what} picked alternately: {picks} picks of Solution([3, 1]) returned only "
            f"{sorted(seen)}, expected both 0 (about 3 in 4) and 1 (about 1 in 4). {hint}. "
            f"Or every pick makes the same draw: draw a new r at every call of pickIndex"
        )


def test_each_pick_draws_afresh(student):
    """w = [1, 1, 1, 1], 200 picks: a correct sampler returns one index every time with
    probability 4 * 4**-200 < 1e-119."""
    w = [1, 1, 1, 1]
    drawn = _picks(student, w, 200, seed=5)
    if len(set(drawn)) == 1:
        raise AssertionError(
            f"{PICK} for {_weights_text(w)}: all 200 picks returned {drawn[0]}, expected each "
            f"index about 50 times. Likely cause: every pick gets the same draw: the random "
            f"number drawn once in __init__ (only the prefix sums belong there), or "
            f"random.seed(...) called inside pickIndex (the grader seeds once, before it "
            f"builds your object). Draw a new r at every call of pickIndex"
        )


# ---- stability -------------------------------------------------------------------------------


def test_unit_and_small_weights_where_draws_tie_with_prefix_sums(student):
    """The smallest weights: every draw r in 1 .. W equals some prefix sum or sits next to
    one, so an off-by-one in the draw or in the search moves a large share of the picks.
    Four lists, 6,000 picks each, chi-square at 2.5e-7 each: a correct sampler fails this test
    with probability below 1e-6."""
    cases = [[1, 1], [1, 1, 1, 1, 1], [1, 3, 2, 1], [2, 1]]
    for seed, w in enumerate(cases, start=20):
        drawn = _picks(student, w, 6000, seed)
        _expect_weighted(
            drawn,
            w,
            f"{PICK} for {_weights_text(w)}",
            FALSE_FAILURE / len(cases),
            "With integer draws the two ends decide everything: r = random.randint(1, total) "
            "(both ends included) with the first prefix[i] >= r, or r = "
            "random.randrange(total) with the first prefix[i] > r",
        )


# ---- complexity ------------------------------------------------------------------------------


def _counted(student, picks: int, pick_cap: int, trace_memory: bool) -> tuple[dict, list]:
    _picks(student, [2, 1, 3], 20, seed=30)  # a plain run first: names a missing method
    w = [int(v) for v in np.random.default_rng(31).integers(1, 101, size=COUNT_N)]
    report = student.probe(
        probe_counted_sampler,
        for_function="Solution",
        w=w,
        picks=picks,
        seed=32,
        construct_cap=CONSTRUCT_OPS_PER_WEIGHT * COUNT_N,
        pick_cap=pick_cap,
        trace_memory=trace_memory,
    )
    if not isinstance(report, dict) or not isinstance(report.get("construct_ops"), int):
        raise AssertionError(f"{CLASS} could not be run with counted weights: {describe(report)}")
    return report, w


CONSTRUCT_CAUSE = (
    "each prefix sum is added up from scratch (sum(w[:i + 1]) for every i, or a loop over "
    "w[0 .. i] inside the loop over i): O(n^2). Keep a running total: prefix[i] = "
    "prefix[i - 1] + w[i], one read and one addition per weight"
)


def _check_construction(report: dict) -> None:
    limit = CONSTRUCT_OPS_PER_WEIGHT * COUNT_N
    if report["construct_stopped"] or report["construct_ops"] > limit:
        raise AssertionError(
            f"{CLASS} for n = {COUNT_N:,} weights made more than {limit:,} reads of w and "
            f"additions of weights (stopped there), expected O(n), at most "
            f"{CONSTRUCT_OPS_PER_WEIGHT} n; prefix sums by slices take n (n + 1) = "
            f"{COUNT_N * (COUNT_N + 1):,}. Likely cause: {CONSTRUCT_CAUSE}"
        )


def _check_picks_valid(report: dict, picks: int) -> None:
    bad = report.get("bad")
    if bad is not None:
        raise AssertionError(
            f"{PICK} returned {bad[1]!s:.80} (a {bad[0]!s:.40}), expected an int index"
        )
    drawn = report.get("picks")
    if not isinstance(drawn, list) or len(drawn) != picks:
        raise AssertionError(f"{CLASS} could not be driven: {describe(drawn)} for {picks} picks")
    if any(not isinstance(i, int) or not 0 <= i < COUNT_N for i in drawn):
        raise AssertionError(f"{PICK} returned an index outside 0 .. n - 1 = {COUNT_N - 1}")


def _instrumented_text(report: dict) -> str:
    found = report.get("instrumented") or []
    return ", ".join(f"self.{name} ({kind} of {size})" for name, kind, size in found) or "none"


def test_constructor_reads_each_weight_a_constant_number_of_times(student):
    report, _ = _counted(student, picks=0, pick_cap=0, trace_memory=False)
    _check_construction(report)


def test_pick_reads_about_log_n_prefix_sums_not_n(student):
    limit = PICK_OPS * COUNT_PICKS
    report, _ = _counted(student, COUNT_PICKS, pick_cap=limit, trace_memory=False)
    _check_construction(report)
    found = report.get("instrumented") or []
    if not any(isinstance(size, int) and size >= COUNT_N for _, _, size in found):
        raise AssertionError(
            f"{CLASS} for n = {COUNT_N:,} keeps no list, tuple or NumPy array of n entries "
            f"among its attributes (found: {_instrumented_text(report)}), so the reads of a "
            f"pick cannot be counted. Keep the prefix sums in an attribute, e.g. self.prefix"
        )
    if report["pick_stopped"] or report["pick_ops"] > limit:
        done = report["picks_done"]
        raise AssertionError(
            f"{PICK} for n = {COUNT_N:,} made more than {limit:,} element reads and additions "
            f"in {done + 1} picks (stopped there; counted in {_instrumented_text(report)} and "
            f"in w), expected O(log n) per pick, at most 4 (log2 n + 2) = {PICK_OPS} on "
            f"average; a linear scan reads about n / 2 = {COUNT_N // 2:,} per pick. Likely "
            f"cause: the prefix sums are scanned from the start (a for loop, `next(i for ...)`, "
            f"list.index), or rebuilt at every pick (accumulate, sum, random.choices(..., "
            f"weights=w)). Build them once in __init__ and binary-search them: "
            f"bisect.bisect_left(self.prefix, r), or your own lo/hi loop"
        )
    _check_picks_valid(report, COUNT_PICKS)


def test_pick_allocates_nothing_of_size_n(student):
    # A generous read cap (4n per pick) only as a backstop: this test is about memory.
    cap = 4 * COUNT_N * MEMORY_PICKS
    report, _ = _counted(student, MEMORY_PICKS, pick_cap=cap, trace_memory=True)
    _check_construction(report)
    peak = report.get("peak_bytes")
    if report["pick_stopped"]:
        raise AssertionError(
            f"{PICK} for n = {COUNT_N:,} made more than 4 n element reads and additions per "
            f"pick: the prefix sums are rebuilt at every pick. Build them once in __init__"
        )
    if not isinstance(peak, int) or peak > MEMORY_BYTES_PER_PICK:
        shown = f"{peak / 1024:.1f} KB" if isinstance(peak, int) else describe(peak)
        raise AssertionError(
            f"{PICK} for n = {COUNT_N:,} allocated {shown} in one pick, expected O(1) memory, "
            f"at most {MEMORY_BYTES_PER_PICK / 1024:.0f} KB; an array of n booleans is "
            f"{COUNT_N / 1024:.0f} KB, of n floats {8 * COUNT_N / 1024:.0f} KB. Likely cause: "
            f"a temporary of size n at every pick: np.argmax(prefix > r) or (prefix <= r).sum() "
            f"(a whole boolean array), np.random.choice(n, p=p) (it rebuilds the cumulative "
            f"sums per call), np.cumsum or a list copy inside pickIndex. np.searchsorted(prefix, "
            f"r) binary-searches without a temporary"
        )
    _check_picks_valid(report, MEMORY_PICKS)
