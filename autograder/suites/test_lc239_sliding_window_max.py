"""Grading suite for lc239_sliding_window_max.

The student writes `max_sliding_window(nums, k)`: the maximum of every window of k consecutive
values of `nums`, left to right. Letters: n = len(nums), k the window length, 1 <= k <= n, so
there are n - k + 1 windows; window i is nums[i : i + k].

Every expected value is computed in this file from the definition, the max of each slice
(`max(nums[i:i + k])` in plain Python; for the large complexity inputs NumPy's
sliding_window_view(...).max(axis=1), the same definition run in C). A maximum is one of the
input values, so values are compared exactly.
Complexity is counted, not timed: a probe passes values that count every comparison made on
them (<, <=, >, >=, ==, !=), and stops the call once a bound is passed, so a quadratic rescan
is never run out. Each test is named for the gotcha it catches. Categories and points live in
grading.yml.
"""

import numpy as np

from autograder.checks import assert_close, describe

NAME = "`max_sliding_window(nums, k)`"

# ---- complexity bounds -----------------------------------------------------------------------
# n = 2**14 values, windows of k = 2**11, two inputs: a random permutation and a decreasing list
# (there the maximum leaves the window at every step). Counted comparisons, measured on the
# variants (random / decreasing):
#   monotonic deque: 2n / 1n. In general at most 2n: each comparison either pops an index
#     (n pops at most in all) or stops the popping (once per step);
#   block prefix / suffix maxima (van Herk): 2.9n / 2.9n, about 3n on any input;
#   heap with lazy deletion: 4.6n / 21n, O(n log k): on the decreasing list every step pops the
#     top, and each pop is about log2(k) = 11 tuple comparisons of an == and a < each;
#   rescan of every window: (n - k + 1)(k - 1) = 29,347,839 = 1,791n on every input.
# The first bound, 48n, lies 2.3x above the heap and 37x below the rescan: it tells O(n k) from
# anything near-linear. The second, 8n, lies 4x above the deque and 2.7x below the heap on the
# decreasing list: it asks for the O(n) of the deque. Every count is deterministic for a given
# input; calls are stopped at the bound, so a rescan costs about 0.4 s per input, not 15 s.
COUNT_N = 2**14
COUNT_K = 2**11
NEAR_LINEAR_PER_VALUE = 48
LINEAR_PER_VALUE = 8


# ---- the oracle: the definition ----------------------------------------------------------------


def _window_maxima(nums: list, k: int) -> list:
    """max(nums[i:i + k]) for every window, by brute force."""
    return [max(nums[i : i + k]) for i in range(len(nums) - k + 1)]


def _window_maxima_fast(nums: list, k: int) -> list:
    """The same definition for the large inputs of the complexity tests, run by NumPy."""
    windows = np.lib.stride_tricks.sliding_window_view(np.asarray(nums), k)  # (n - k + 1, k)
    return windows.max(axis=1).tolist()  # (n - k + 1,)


# ---- recognising the usual slips, for the messages ---------------------------------------------


def _slips(nums: list, k: int) -> list[tuple[list, str]]:
    """(what the slip returns on (nums, k), its likely cause)."""
    n = len(nums)
    late = [max(nums[max(0, i - 1) : i + k]) for i in range(n - k + 1)]
    early = [max(nums[i + 1 : i + k]) if k > 1 else None for i in range(n - k + 1)]
    clipped = [max(0, m) for m in _window_maxima(nums, k)]
    positions = [i + nums[i : i + k].index(max(nums[i : i + k])) for i in range(n - k + 1)]
    return [
        (
            positions,
            "these are the POSITIONS of the maxima, not the maxima: the deque holds indices, "
            "so output nums[dq[0]], not dq[0]",
        ),
        (
            late,
            "each window also holds the value just before it: the front of the deque is "
            "dropped one step late. Index j leaves the window [i - k + 1, i] once j <= i - k",
        ),
        (
            early,
            "each window misses its first value: the front of the deque is dropped one step "
            "early. Index j is still inside the window [i - k + 1, i] while j > i - k",
        ),
        (
            clipped,
            "the maxima never go below 0: a start value of 0 (or a `best = 0` before a "
            "rescan) beats every negative value. Start from the window's first value",
        ),
    ]


def _likely_cause(got: list, nums: list, k: int) -> str:
    expected = _window_maxima(nums, k)
    causes = {cause for result, cause in _slips(nums, k) if result != expected and got == result}
    return f"Likely cause: {causes.pop()}" if len(causes) == 1 else ""


LENGTH_HINT = (
    "There is one maximum per window: windows start at 0, 1, ..., n - k, so n - k + 1 of "
    "them. With a deque, append an output at every i >= k - 1 (the first full window ends at "
    "index k - 1)"
)


def _as_maxima(got: object, n: int, k: int, what: str) -> list:
    """The returned sequence of n - k + 1 real numbers, as a list; else a failure in the
    student's terms (type, then length, then the entries)."""
    if got is None:
        raise AssertionError(f"{what} is None, expected a list of maxima: is a `return` missing?")
    if isinstance(got, np.ndarray) and got.ndim == 1:
        got = got.tolist()
    if not isinstance(got, list | tuple):
        raise AssertionError(f"{what} is {describe(got)}, expected a list of n - k + 1 numbers")
    windows = n - k + 1
    if len(got) != windows:
        extra = ""
        if len(got) == windows - 1:
            extra = " (one window short)"
        elif len(got) == n:
            extra = " (one entry per value of nums: outputs start before the first full window)"
        raise AssertionError(
            f"{what} for n = {n}, k = {k} has {len(got)} entries{extra}, expected n - k + 1 "
            f"= {windows}. {LENGTH_HINT}"
        )
    for i, value in enumerate(got):
        if isinstance(value, bool | np.bool_) or not isinstance(
            value, int | float | np.integer | np.floating
        ):
            raise AssertionError(
                f"{what}: entry {i} is {describe(value)}, expected a number (the maximum of "
                f"window {i}, one of the values of nums)"
            )
    return [v.item() if isinstance(v, np.generic) else v for v in got]


def _show(values: list, limit: int = 12) -> str:
    text = ", ".join(repr(v) for v in values[:limit])
    return f"[{text}{', ...' if len(values) > limit else ''}]"


def _expect_maxima(
    got: object, nums: list, k: int, what: str, hint: str = "", slips: bool = True
) -> None:
    """`got` is the list of window maxima of (nums, k), exactly. The message names a recognised
    slip (with `slips`), else `hint`, else the definition."""
    values = _as_maxima(got, len(nums), k, what)
    expected = _window_maxima(nums, k)
    if values == expected:
        return
    first = next(i for i, (g, e) in enumerate(zip(values, expected, strict=True)) if g != e)
    hint = (slips and _likely_cause(values, nums, k)) or hint
    window = nums[first : first + k]
    where = (
        f"{what} for nums = {_show(nums)} (n = {len(nums)}), k = {k}: window {first}, "
        f"nums[{first}:{first + k}] = {_show(window, 8)}"
    )
    hint = hint or "Each output is the largest value of its window, nums[i:i + k]"
    assert_close(values[first], expected[first], 0.0, 0.0, where, hint)
    # Equal as float64 but not as Python numbers: an int beyond 2**53 that came back rounded.
    raise AssertionError(
        f"{where}: got {values[first]!r} (a {type(values[first]).__name__}), expected "
        f"{expected[first]!r} (a {type(expected[first]).__name__}), exactly. {hint}"
    )


def _call(student, nums: list, k: int) -> object:
    return student.max_sliding_window(list(nums), k)


# ---- shapes ----------------------------------------------------------------------------------


def test_returns_one_maximum_per_window_n_minus_k_plus_1(student):
    rng = np.random.default_rng(0)
    for n, k in ((8, 3), (10, 4), (5, 1), (6, 6), (1, 1), (30, 29)):
        nums = [int(v) for v in rng.permutation(100)[:n] + 1]
        _as_maxima(_call(student, nums, k), n, k, NAME)


# ---- correctness -----------------------------------------------------------------------------


def _distinct(rng: np.random.Generator, n: int, kind: str = "int") -> list:
    """n distinct positive values in random order: ordinary inputs, no ties, no sign games."""
    values = rng.choice(10**6, size=n, replace=False) + 1
    if kind == "float":
        return [float(v) / 7.0 for v in values]
    return [int(v) for v in values]


def test_matches_the_max_of_every_window_on_random_inputs(student):
    rng = np.random.default_rng(1)
    cases = [
        (_distinct(rng, 20), 3),
        (_distinct(rng, 100), 7),
        (_distinct(rng, 600, "float"), 40),
        (_distinct(rng, 64), 63),
    ]
    for nums, k in cases:
        _expect_maxima(_call(student, nums, k), nums, k, NAME)


def test_decreasing_list_drops_the_front_once_it_leaves_the_window(student):
    cases = [(list(range(40, 0, -1)), 5), (list(range(40, 0, -1)), 2), ([9, 7, 5, 3, 1], 3)]
    hint = (
        "On a decreasing list the maximum of each window is its OLDEST value, which leaves at "
        "the next step: the front index j is out of the window [i - k + 1, i] exactly when "
        "j <= i - k; drop it before reading the front"
    )
    for nums, k in cases:
        _expect_maxima(_call(student, nums, k), nums, k, NAME, hint)


def test_increasing_list_each_window_includes_its_newest_value(student):
    rising = list(range(10, 410, 10))  # 10, 20, ..., 400: no value is a position
    cases = [(rising, 5), (rising, 2), ([1, 3, 5, 7, 9], 3)]
    hint = (
        "On an increasing list the maximum of each window is its NEWEST value, nums[i]: push "
        "index i (after popping the smaller values) BEFORE reading the front for the window "
        "that ends at i"
    )
    for nums, k in cases:
        _expect_maxima(_call(student, nums, k), nums, k, NAME, hint)


def test_outputs_are_the_maximum_values_not_their_indices(student):
    rng = np.random.default_rng(7)
    nums = [int(v) for v in rng.choice(10**4, size=30, replace=False) + 1000]  # > any index
    _expect_maxima(_call(student, nums, 4), nums, 4, NAME)


def test_returns_window_maxima_not_minima(student):
    cases = [([1, 3, -1, -3, 5, 3, 6, 7], 3), ([2, 9, 1, 8, 3, 7, 4, 6, 5], 2)]
    for nums, k in cases:  # distinct values, k >= 2: min != max in every window
        got = _call(student, nums, k)
        minima = [min(nums[i : i + k]) for i in range(len(nums) - k + 1)]
        hint = "Each output is the LARGEST value of its window, nums[i:i + k]"
        if isinstance(got, list | tuple) and list(got) == minima:
            hint = (
                "these are the window MINIMA. Likely cause: the pop comparison is flipped: "
                "pop from the back while nums[dq[-1]] <= nums[i] (the smaller values), so "
                "the values decrease from front to back and the front is the maximum"
            )
        _expect_maxima(got, nums, k, NAME, hint, slips=False)


def test_nums_is_left_unchanged(student):
    nums = _distinct(np.random.default_rng(2), 50)
    _, after = student.call_seeing_inputs("max_sliding_window", list(nums), 6)
    now = after[0] if isinstance(after, tuple) and after else None
    if now != nums:
        detail = f"it is now {describe(now)}"
        if isinstance(now, list) and len(now) == len(nums):
            i = next(i for i, (x, y) in enumerate(zip(now, nums, strict=True)) if x != y)
            detail = f"nums[{i}] was {nums[i]!r} and is now {now[i]!r}"
        elif isinstance(now, list):
            detail = f"it had {len(nums)} values and now has {len(now)}"
        raise AssertionError(
            f"{NAME} changed its `nums` argument: {detail}. The caller's list must stay as it "
            f"was. Likely cause: padding with `nums += [...]` or nums.append/extend (these "
            f"change the caller's list; `nums = nums + [...]` makes a new one), pop(), sort() "
            f"or an assignment into nums"
        )


# ---- stability -------------------------------------------------------------------------------


def test_window_of_1_returns_nums_and_window_of_n_the_overall_max(student):
    rng = np.random.default_rng(3)
    nums = _distinct(rng, 25)
    edges = (
        (nums, 1, "k = 1: every value is its own window, so the result is nums itself"),
        (nums, len(nums), "k = n: one window, the whole list, so the result is [max(nums)]"),
        ([7], 1, "n = k = 1"),
    )
    for values, k, hint in edges:
        _expect_maxima(_call(student, values, k), values, k, NAME, hint)


def test_all_negative_values_far_below_any_sentinel(student):
    rng = np.random.default_rng(4)
    cases = [
        ([-int(v) for v in rng.choice(10**4, size=30, replace=False) + 1], 4),
        ([-(10**12) - int(v) for v in rng.choice(10**6, size=30, replace=False)], 5),
        ([-1e300, -2e300, -3e300, -1e299, -5e300], 2),
    ]
    hint = (
        "Negative values, down to -1e300: no start value may beat them. Start each maximum "
        "from a value of the window itself (or float('-inf')), never from 0 or from a magic "
        "number such as -10**4 - 1 or -1e9"
    )
    for nums, k in cases:
        _expect_maxima(_call(student, nums, k), nums, k, NAME, hint)


def test_repeated_maximum_leaves_the_window_one_copy_at_a_time(student):
    cases = [
        ([3, 3, 1, 1], 2),
        ([5, 1, 5, 1, 5, 1, 2, 2, 2, 0], 3),
        ([4, 4, 4, 4, 4], 2),
        ([2, 9, 9, 1, 9, 3, 3, 8, 1, 1, 1, 1], 4),
        ([int(v) for v in np.random.default_rng(5).integers(0, 4, size=200)], 6),
    ]
    hint = (
        "Ties: when the deque holds values, popping equal values (`<=`) and then dropping the "
        "front by value (`dq[0] == nums[i - k]`) removes a copy that is still inside the "
        "window. Keep indices in the deque and drop the front by position (j <= i - k)"
    )
    for nums, k in cases:
        _expect_maxima(_call(student, nums, k), nums, k, NAME, hint, slips=False)


def test_large_ints_come_back_exactly_not_through_floats(student):
    base = 10**17  # beyond 2**53: float64 spacing here is 16, so a float copy is not exact
    rng = np.random.default_rng(8)
    nums = [base + int(v) for v in rng.choice(1000, size=32, replace=False)]
    hint = (
        "Ints here are larger than 2**53, where a float64 cannot hold every int: the maxima "
        "came back rounded. Likely cause: the values went through a float array (padding "
        "with np.full(..., -np.inf) or np.empty(n), or np.asarray(nums, dtype=float)). Keep "
        "the values as given: np.asarray(nums) without a dtype, or pad with a value of nums"
    )
    for k in (3, 10):
        _expect_maxima(_call(student, nums, k), nums, k, NAME, hint, slips=False)


# ---- complexity ------------------------------------------------------------------------------


def probe_count_comparisons(ns, nums, k, cap):
    """Runs in the worker. Calls ns["max_sliding_window"] on a list of `Compared` values,
    which count every comparison made on them (<, <=, >, >=, ==, !=, with each other or with
    plain numbers); the call is stopped at comparison cap + 1. Negation gives a counted value
    too (a max-heap of -value still counts). float(), int() and NumPy dtype conversions are
    counted separately: work done on converted copies cannot be seen. Returns the maxima as
    plain numbers, the counts, and whether the call was stopped."""
    counts = {"comparisons": 0, "conversions": 0}

    class TooManyComparisons(BaseException):
        """Ends the student's call at comparison cap + 1: a rescan is not run out."""

    def tick():
        counts["comparisons"] += 1
        if counts["comparisons"] > cap:
            raise TooManyComparisons(f"more than {cap} comparisons")

    def plain(other):
        return other.value if isinstance(other, Compared) else other

    class Compared:
        """A number that counts the comparisons made on it."""

        __slots__ = ("value",)

        def __init__(self, value):
            self.value = value

        def __lt__(self, other):
            tick()
            return self.value < plain(other)

        def __le__(self, other):
            tick()
            return self.value <= plain(other)

        def __gt__(self, other):
            tick()
            return self.value > plain(other)

        def __ge__(self, other):
            tick()
            return self.value >= plain(other)

        def __eq__(self, other):
            tick()
            return self.value == plain(other)

        def __ne__(self, other):
            tick()
            return self.value != plain(other)

        def __hash__(self):
            return hash(self.value)

        def __neg__(self):
            return Compared(-self.value)

        def __float__(self):
            counts["conversions"] += 1
            return float(self.value)

        def __int__(self):
            counts["conversions"] += 1
            return int(self.value)

        def __repr__(self):
            return repr(self.value)

    values = [Compared(v) for v in nums]
    stopped = False
    result = None
    try:
        result = ns["max_sliding_window"](values, k)
    except TooManyComparisons:
        stopped = True
    maxima, problem = None, ""
    if not stopped:
        try:
            maxima = [v.value if isinstance(v, Compared) else v for v in result]
            maxima = [v.item() if hasattr(v, "item") else v for v in maxima]
        except TypeError:
            problem = f"a {type(result).__name__}, not a sequence"
    return {
        "maxima": maxima,
        "problem": problem,
        "comparisons": counts["comparisons"],
        "conversions": counts["conversions"],
        "stopped": stopped,
    }


COMPLEXITY_INPUTS = {
    "a random permutation of 1 .. n": lambda: [
        int(v) for v in np.random.default_rng(6).permutation(COUNT_N) + 1
    ],
    "the decreasing list n, n - 1, ..., 1": lambda: list(range(COUNT_N, 0, -1)),
}


def _counted_call(student, nums: list, k: int, cap: int) -> dict:
    tiny = [4, 1, 3]
    _expect_maxima(_call(student, tiny, 2), tiny, 2, NAME)  # a plain call first: names a miss
    result = student.probe(
        probe_count_comparisons, for_function="max_sliding_window", nums=nums, k=k, cap=cap
    )
    if not isinstance(result, dict) or not isinstance(result.get("comparisons"), int):
        raise AssertionError(f"{NAME} could not be run with counted values: got {describe(result)}")
    return result


def _check_comparisons(student, per_value: int, causes: str) -> None:
    n, k = COUNT_N, COUNT_K
    limit = per_value * n
    for label, make in COMPLEXITY_INPUTS.items():
        nums = make()
        result = _counted_call(student, nums, k, cap=limit)
        what = f"{NAME} on {label}, n = {n:,}, k = {k:,}"
        if result["stopped"] or result["comparisons"] > limit:
            raise AssertionError(
                f"{what} made more than {limit:,} comparisons of values (stopped there), "
                f"expected at most {per_value} n = {limit:,}; a rescan of every window makes "
                f"(n - k + 1)(k - 1) = {(n - k + 1) * (k - 1):,}. Likely cause: {causes}"
            )
        if result["conversions"] > n - k + 1:
            raise AssertionError(
                f"{what} converted {result['conversions']:,} values with float() or int() (or "
                f"np.asarray(nums, dtype=...)): the complexity test passes values that count "
                f"the comparisons made on them, and work done on converted copies cannot be "
                f"counted. Compare the values as they are given (np.asarray(nums) without a "
                f"dtype keeps them as they are)"
            )
        if result["problem"]:
            raise AssertionError(f"{what} returned {result['problem']}")
        values = _as_maxima(result["maxima"], n, k, what)
        expected = _window_maxima_fast(nums, k)
        if values != expected:
            first = next(i for i, (g, e) in enumerate(zip(values, expected, strict=True)) if g != e)
            raise AssertionError(
                f"{what}: window {first}: got {values[first]!r}, expected {expected[first]!r} "
                f"(the maximum of nums[{first}:{first + k}]). The count is only judged on right "
                f"answers: see the correctness tests"
            )


def test_comparisons_grow_with_n_not_n_times_k(student):
    _check_comparisons(
        student,
        NEAR_LINEAR_PER_VALUE,
        "each window is scanned again in full (max(nums[i:i + k]), a loop over the window, "
        "or a running maximum rescanned whenever it leaves the window: on a decreasing list "
        "it leaves at every step). Keep a deque of indices whose values decrease from front "
        "to back: each index enters once and leaves once",
    )


def test_each_value_is_compared_a_bounded_number_of_times(student):
    _check_comparisons(
        student,
        LINEAR_PER_VALUE,
        "a heap (or a sorted list) of the window, where every push and pop costs about "
        "log2(k) comparisons, O(n log k) in all; or, if the test above fails too, a rescan of "
        "the windows. The monotonic deque compares each value at most twice: once when it "
        "pops a smaller value, once when it stops at a larger one",
    )
