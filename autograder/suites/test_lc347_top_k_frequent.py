"""Grading suite for lc347_top_k_frequent.

The student writes `top_k_frequent(nums, k)`: the k values that occur most often in the list
`nums` (LeetCode 347). Letters: n = len(nums) >= 1, U the number of distinct values, and
1 <= k <= U; the values are ints, |value| <= 10**18. The tie rule (ours: LeetCode promises a
unique answer instead): values are ranked by count, highest first, and among equal counts the
SMALLER value ranks first; the answer is the set of the first k, returned in any order.

Every expected value comes from the definition, in this file: collections.Counter(nums), its
values sorted by (-count, value), the first k, compared as a set. Nothing is compared with a
solution. Complexity is counted, not timed: a probe passes `nums` as a list of counting ints
(a small class defined inside the probe) that count each ordering comparison (<, <=, >, >=)
they take part in, and separately each == / != and each hash(); the call is stopped at a cap,
so a quadratic loop is never run out. Counts are plain ints, so comparisons between them
cannot be counted; what can be counted is the tie rule at work: on an input where nearly
every value occurs once, every comparison that ranks two of them falls to the values.
Each test is named for the gotcha it catches. Categories and points live in grading.yml.
"""

from collections import Counter

import numpy as np

from autograder.checks import describe

NAME = "`top_k_frequent(nums, k)`"

# ---- complexity: sizes and bounds, with the arithmetic ----------------------------------------
#
# The random test: RUNS = 6 calls, each on U = 2**14 distinct values in random order, two of
# them listed twice (n = U + 2), with k = 4: the two repeated values and the two smallest of
# the rest. Nearly every value has count 1, so ranking two of them is decided by the tie rule,
# on the values, where the probe counts it. Allowed: 8 ordering comparisons per element over
# all the calls, 8 * (2**14 + 2) * 6 = 786,528.
# - Sorting all U distinct values by (-count, value) is the wrong class: log2(U!) = 12.56 U
#   comparisons at U = 2**14 (sorted() takes 12.7 U), 1.6x over the bound. So is a bucket sort
#   that sorts the bucket of the k-th place whole: here that bucket holds U - 2 values.
# - A size-k heap is about (2 log2(k + 1) + 1) U: push-then-pop measures 3.5 U at k = 4,
#   heapq.nsmallest(k, counts, key=...) and a bucket sort that takes the `need` smallest of
#   the last bucket with heapq.nsmallest 1.0 U.
# - Quickselect on (-count, value) pairs with random pivots: for a small k the pairs compared
#   sum to U (1 + V1 + V1 V2 + ...), the V uniform on [0, 1]: mean 2 U, standard deviation
#   0.71 U (the Dickman distribution); three list comprehensions (<, ==, >) compare twice per
#   pair per round: mean 4 U. Over RUNS = 6 independent calls their average passes 8 U with
#   probability below exp(-6 * 2.33) = 9e-7, under 1e-6, whatever the seed (Chernoff, with
#   the moment generating function exp(s + Ein(s)) of 1 + Dickman at s = 1.9). The probe
#   seeds `random` (PROBE_SEED), so a given solution always gets the same count.
# Measured with PROBE_SEED, per element: the variants' heap of (count, -value) 3.49,
# quickselect on pairs 1.90, heapq.nsmallest and buckets with nsmallest 1.00; sorting every
# distinct value, sorting the last bucket whole and nums.sort() stopped at the bound.
# Counting itself costs no ordering comparison, only hashes (and an == for each value seen
# before): dict or Counter counting measures 1 to 4 == tests and hashes per element, a heap of
# (count, -value) pairs adds about one == per comparison. OTHER_CAP_PER_ELEMENT = 16 stops
# nums.count(v) for every distinct v, which takes U == tests per element: 180 in the counting
# test (U = 180 values with the counts 1, 2, ..., 180, so n = 16,290).
RANDOM_U, RANDOM_K, RUNS, RANDOM_BOUND = 2**14, 4, 6, 8
COUNTING_U, COUNTING_K, COUNTING_BOUND = 180, 5, 8
OTHER_CAP_PER_ELEMENT = 16
# At this many int() / float() conversions per element the counts no longer cover the work.
CONVERSIONS_PER_ELEMENT = 0.5
PROBE_SEED = 347
VALUE_RANGE = 10**4  # LeetCode's range for the ordinary tests: |value| <= 10**4


# ---- the oracle and the usual slips -----------------------------------------------------------


def _ranked(nums: list[int], key) -> list[int]:
    """The distinct values of nums in the order of key(value, count)."""
    counts = Counter(nums)
    return sorted(counts, key=lambda v: key(v, counts[v]))


def _expected(nums: list[int], k: int) -> set[int]:
    """The definition: by count, highest first; equal counts, smaller value first; first k."""
    return set(_ranked(nums, lambda v, c: (-c, v))[:k])


def _slip_cause(got: set[int], nums: list[int], k: int) -> str:
    """The likely cause, when `got` is exactly what a usual slip returns."""
    counts = Counter(nums)
    right = _expected(nums, k)
    others = set(counts) - got
    if got != right and others and max(counts[v] for v in got) <= min(counts[v] for v in others):
        return (  # the k least frequent, whatever the tie rule
            "Likely cause: these are the k LEAST frequent values: heapq keeps the smallest "
            "item on top, so a heap of (-count, ...) pops the most frequent first. Keep "
            "(count, ...) in a heap of size k and pop the smallest count when it holds k + 1, "
            "or walk the buckets from the highest count down"
        )
    first_seen = {v: i for i, v in reversed(list(enumerate(nums)))}  # value -> first position
    slips = [
        (
            lambda v, c: (-c, first_seen[v]),
            "ties were broken by first appearance in nums (Counter.most_common and a stable "
            "sort by count alone do that). Among equal counts the SMALLER value ranks first: "
            "rank by (-count, value)",
        ),
        (
            lambda v, c: (-c, -v),
            "ties went to the LARGER value. Among equal counts the smaller value ranks first: "
            "in a min-heap of the k best, the one to evict is the smallest count and, among "
            "equal counts, the LARGEST value, so push (count, -value)",
        ),
        (
            lambda v, c: -v,
            "these are the k largest values, not the k most frequent: rank by the count",
        ),
    ]
    for key, cause in slips:
        slip = set(_ranked(nums, key)[:k])
        if slip == got and slip != right:
            return f"Likely cause: {cause}"
    return ""


def _show(nums: list[int]) -> str:
    if len(nums) <= 12:
        return f"nums = {nums}"
    return f"nums = [{', '.join(map(str, nums[:6]))}, ...] (n = {len(nums)})"


def _expect_top_k(got: object, nums: list[int], k: int, what: str, hint: str = "") -> None:
    """`got` is a list of k distinct ints whose set is the answer; the message names a
    recognised slip, else `hint`."""
    where = f"{what} for {_show(nums)}, k = {k}"
    if got is None:
        raise AssertionError(
            f"{where} is None, expected a list of k values: is a `return` missing?"
        )
    if isinstance(got, str):  # the probe's description of something that is not a list
        raise AssertionError(f"{where} returned {got}, expected a list of k values")
    if not isinstance(got, list | tuple):
        raise AssertionError(f"{where} is {describe(got)}, expected a list of k values")
    for j, value in enumerate(got):
        if isinstance(value, bool) or not isinstance(value, int | np.integer):
            cause = ""
            if isinstance(value, list | tuple) and len(value) == 2:
                cause = (
                    ": a (value, count) pair, as Counter.most_common(k) gives them; return the "
                    "values only, [value for value, count in ...]"
                )
            shown = repr(value) if isinstance(value, float | str) else describe(value)
            raise AssertionError(
                f"{where}: entry {j} of the result is {shown}, expected a value of nums (an int)"
                f"{cause}"
            )
    if len(got) != k:
        raise AssertionError(
            f"{where} returned {len(got)} values, expected k = {k}. Likely cause: the heap "
            f"keeps one entry too many or too few (pop while it holds more than k), or the "
            f"walk over the buckets stops too early or too late"
        )
    returned = [int(v) for v in got]
    if len(set(returned)) != k:
        twice = next(v for v in returned if returned.count(v) > 1)
        raise AssertionError(
            f"{where}: the value {twice} comes back {returned.count(twice)} times, expected "
            f"k distinct values. Likely cause: the buckets (or the heap) were filled from nums, "
            f"once per occurrence; fill them from the distinct values, count.items()"
        )
    present = set(nums)
    stranger = next((v for v in returned if v not in present), None)
    if stranger is not None:
        cause = "a count, an index, or a value of an earlier call, returned in place of a value?"
        if -stranger in present:
            cause = (
                f"but {-stranger} is: a heap of (count, -value) holds the values negated, "
                f"so turn them back, [-negated for count, negated in heap]"
            )
        raise AssertionError(f"{where}: {stranger} is not a value of nums ({cause})")
    expected = _expected(nums, k)
    if set(returned) != expected:
        counts = Counter(nums)
        wrong = min(set(returned) - expected, key=lambda v: (-counts[v], v))
        missing = min(expected - set(returned), key=lambda v: (-counts[v], v))
        cause = _slip_cause(set(returned), nums, k) or hint
        raise AssertionError(
            f"{where}: got {sorted(returned)}, expected {sorted(expected)} (any order): "
            f"{missing} (count {counts[missing]}) ranks above {wrong} (count "
            f"{counts[wrong]}), which was returned. {cause}".rstrip()
        )


def _nums_with_counts(seed: int, counts: list[int], low=-VALUE_RANGE, high=VALUE_RANGE):
    """A shuffled list in which len(counts) distinct values from [low, high] occur counts[i]
    times each (value i of a random sample with count i)."""
    rng = np.random.default_rng(seed)
    values = rng.choice(np.arange(low, high + 1), size=len(counts), replace=False).tolist()
    nums = [v for v, c in zip(values, counts, strict=True) for _ in range(c)]
    return [nums[i] for i in rng.permutation(len(nums)).tolist()]


def _clear_cut(seed: int, distinct: int, k: int) -> list[int]:
    """nums with `distinct` values whose k most frequent are clear: each of them occurs more
    often than any other value, so no tie rule is needed."""
    rng = np.random.default_rng(seed + 1000)
    top = rng.integers(6, 12, size=k).tolist()
    rest = rng.integers(1, 6, size=distinct - k).tolist()
    return _nums_with_counts(seed, top + rest)


# ---- shapes ------------------------------------------------------------------------------------


def test_returns_a_list_of_k_distinct_values(student):
    nums, k = [1, 1, 1, 2, 2, 3], 2  # LeetCode's example: [1, 2]
    got = student.top_k_frequent(nums, k)
    what = f"{NAME} for nums = {nums}, k = {k}"
    if got is None:
        raise AssertionError(f"{what} is None, expected a list of k values: is a `return` missing?")
    if not isinstance(got, list | tuple):
        raise AssertionError(f"{what} is {describe(got)}, expected a list of k values")
    for j, value in enumerate(got):
        if isinstance(value, list | tuple):
            raise AssertionError(
                f"{what}: entry {j} is {describe(value)} {list(value)}, expected one value. "
                f"Likely cause: Counter.most_common(k) gives (value, count) pairs; return the "
                f"values only"
            )
    if len(got) != k:
        raise AssertionError(f"{what} returned {len(got)} entries, expected k = {k} values")


# ---- correctness -------------------------------------------------------------------------------

# (U, k): U distinct values in [-10**4, 10**4]; the k most frequent occur 6 to 11 times each,
# the others 1 to 5 times.
RANDOM_CASES = [(5, 2), (40, 7), (300, 1), (1000, 50), (60, 59)]


def test_returns_the_k_most_frequent_values(student):
    for seed, (distinct, k) in enumerate(RANDOM_CASES):
        nums = _clear_cut(seed, distinct, k)
        _expect_top_k(student.top_k_frequent(nums, k), nums, k, NAME)


def test_nums_is_not_sorted_or_changed(student):
    nums = _clear_cut(10, 30, 4)
    for k in (1, 4, 30):
        _, after = student.call_seeing_inputs("top_k_frequent", list(nums), k)
        now = after[0]
        if now == nums:
            continue
        detail = f"it is now {describe(now)}"
        if isinstance(now, list) and len(now) == len(nums):
            at = next(i for i, (x, y) in enumerate(zip(now, nums, strict=True)) if x != y)
            detail = f"nums[{at}] was {nums[at]} and is now {now[at]!r}"
            if sorted(now) == sorted(nums):
                detail += " (the same values, reordered)"
        raise AssertionError(
            f"{NAME} with k = {k} changed its `nums` argument: {detail}. The caller's list "
            f"must stay as it was. Likely cause: nums.sort() to count runs of equal values; "
            f"count with a dict or collections.Counter instead (one pass, nothing reordered)"
        )


def test_each_value_comes_back_once(student):
    cases = [([7, 7, 7, 1, 1, 2, 9], 2), ([3, 3, 3, 3, 8, 8, 5, 9], 2), ([1, 1, 2, 2, 9], 2)]
    for nums, k in cases:  # the top counts are held by values occurring many times, no ties
        _expect_top_k(student.top_k_frequent(list(nums), k), nums, k, NAME)


def test_values_come_back_with_their_own_sign(student):
    cases = [
        ([4, 4, 4, 9, 2, 2], 2),  # 4 and 2: their negatives are not in nums
        ([5, 5, -5, 3, 3, 3, -3, 9], 1),  # 3 three times; -3 is in nums too, once
        ([-8, -8, 6, -8, 6, 7], 2),  # -8 and 6
    ]
    for nums, k in cases:
        got = student.top_k_frequent(list(nums), k)
        expected = _expected(nums, k)
        if isinstance(got, list | tuple) and all(type(v) is int for v in got):
            if {-v for v in got} == expected != set(got):
                raise AssertionError(
                    f"{NAME} for {_show(nums)}, k = {k}: got {sorted(got)}, expected "
                    f"{sorted(expected)} (any order): the right values with their signs "
                    f"flipped. Likely cause: a heap of (count, -value) returned as it is; "
                    f"turn the values back, [-negated for count, negated in heap]"
                )
        _expect_top_k(got, nums, k, NAME)


def test_values_sharing_a_count_all_come_back(student):
    cases = [
        ([5, 5, 5, 8, 8, 8, 9, 2, 2], 2),  # 5 and 8, both three times: no tie rule needed
        ([2, 6, 6, 2, 9, 4, 4, 6, 2, 4], 3),  # 2, 6 and 4 three times each, 9 once
        ([3, -3, 7, 3, -3, 7, 12], 3),  # three values twice each, 12 once
    ]  # the largest value is never in the answer, nor the least frequent
    hint = (
        "Here the top k share one count, and all of them are in the answer. Likely cause: "
        "the counts were inverted into a dict count -> value ({c: v for v, c in ...}), where "
        "values with the same count overwrite each other. Map each count to a LIST of values "
        "(buckets), or rank the (value, count) pairs themselves"
    )
    for nums, k in cases:
        got = student.top_k_frequent(list(nums), k)
        counts = Counter(nums)
        if isinstance(got, list | tuple) and all(type(v) is int and v in counts for v in got):
            shown = [counts[v] for v in got]
            levels = sorted(set(counts.values()), reverse=True)  # the distinct counts
            if sorted(shown, reverse=True) == levels[:k]:  # one value per count, top down
                raise AssertionError(
                    f"{NAME} for {_show(nums)}, k = {k}: got {list(got)} (counts {shown}, "
                    f"one value per count), expected {sorted(_expected(nums, k))} (any "
                    f"order). {hint}"
                )
        _expect_top_k(got, nums, k, NAME, hint)


def test_counts_start_afresh_at_every_call(student):
    calls = [([1, 1, 1, 2], 1), ([2, 2, 3], 1), ([6, 5, 5], 1), ([4, 1, 1, 3, 3], 2)]
    hint = (
        "Each call must count its own nums only. Likely cause: the counts live in a "
        "mutable default argument (def top_k_frequent(nums, k, count={})) or a dict outside "
        "the function, created once and shared by every call. Make a new dict or Counter "
        "inside the function"
    )
    for j, (nums, k) in enumerate(calls):
        what = f"{NAME}, call {j + 1} of {len(calls)} in a row,"
        got = student.top_k_frequent(list(nums), k)
        if isinstance(got, list | tuple):
            stranger = next((v for v in got if type(v) is int and v not in nums), None)
            if stranger is not None:
                raise AssertionError(
                    f"{what} for {_show(nums)}, k = {k}: got {list(got)}, but {stranger} is "
                    f"not a value of this nums. {hint}"
                )
        _expect_top_k(got, nums, k, what, hint)


# ---- stability: edge and extreme inputs --------------------------------------------------------


def test_ties_go_to_the_smaller_value(student):
    tied = _nums_with_counts(20, [3] * 12 + [1] * 5)  # twelve values tie for the top
    cases = [
        ([4, 4, 1, 1, 3, 3, 2], 2),  # 4, 1, 3 all twice: the smaller two, 1 and 3
        ([-1, 5, -7, 5, -1, -7], 1),  # all twice: -7
        ([9, 9, 9, 2, 8, 8, 2, 5], 2),  # 9 three times, then 2 and 8 tie: 9 and 2
        (tied, 5),
    ]
    hint = "Among equal counts the smaller value ranks first: rank by (-count, value)"
    for nums, k in cases:
        _expect_top_k(student.top_k_frequent(list(nums), k), nums, k, NAME, hint)


def test_k_equal_to_the_number_of_distinct_values_returns_them_all(student):
    cases = [([3, 1, 2], 3), ([7, 7, 8, 9, 9, 9], 3), (_clear_cut(30, 25, 25), 25)]
    hint = (
        "k may equal the number of distinct values: then every distinct value is in the "
        "answer, whatever its count, so each of them must have been counted"
    )
    for nums, k in cases:
        _expect_top_k(student.top_k_frequent(list(nums), k), nums, k, NAME, hint)


def test_one_value_filling_nums_has_count_n(student):
    cases = [([1], 1), ([5, 5, 5, 5, 5, 5], 1), ([0] * 9, 1)]
    hint = (
        "One value may fill all of nums: its count is n, so a list of buckets indexed by "
        "count needs n + 1 slots, 0 .. n"
    )
    for nums, k in cases:
        _expect_top_k(student.top_k_frequent(list(nums), k), nums, k, NAME, hint)


def test_the_largest_value_is_counted_too(student):
    cases = [
        ([3, 9, 9, 1, 9, 3], 1),  # 9, the largest, occurs most often
        ([5, 2, 5, 7, 7, 7, 2, 7, 5], 2),  # 7 four times, 5 three times, 2 twice
        ([-4, -4, -1, -1, -1], 1),  # all negative: -1 is the largest
    ]
    hint = (
        "Here the largest value of nums is among the most frequent. If it is missing, likely "
        "cause: counting runs of equal values in a sorted copy and not counting the last run "
        "after the loop (or a range of values that stops before max(nums)). Count with a "
        "dict or Counter, one pass, no sorting"
    )
    for nums, k in cases:
        _expect_top_k(student.top_k_frequent(list(nums), k), nums, k, NAME, hint)


def test_negative_and_huge_values(student):
    big = 10**18
    cases = [
        ([-(10**12), 3, -(10**12), 3, -(10**12)], 1),
        ([big, -big, big, 0, -big, big], 2),
        ([-5, -5, -2, -9, -9, -9], 2),
    ]
    hint = (
        "Values are any ints up to 10**18 in size, negative too: count them in a dict "
        "(a list indexed by value, such as LeetCode's offset array over [-10**4, 10**4], "
        "cannot hold them)"
    )
    for nums, k in cases:
        _expect_top_k(student.top_k_frequent(list(nums), k), nums, k, NAME, hint)


# ---- complexity: counted comparisons, in the worker --------------------------------------------


def probe_counted_calls(ns, nums_lists, ks, order_cap, other_per_element, seed):
    """Runs in the worker. Calls top_k_frequent(nums, k) for each int64 array of `nums_lists`
    and the matching k of `ks`, with nums a fresh list of counting ints made from its values
    (one object per element, as values read from a stream would be). Counts ordering
    comparisons, == / != tests, hash() calls and int() / float() conversions over all the
    calls. The call that makes ordering comparison number order_cap + 1 (summed over the
    calls), or more than other_per_element == tests and hashes per element of its own input,
    is stopped, and no further call is made. Returns what each finished call returned
    (counting ints as their plain values), the counts, and why it stopped ("" when it did
    not)."""
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
        gives CountingInts again (so -value still counts); int(), float() and the math module
        give plain numbers, which are counted as conversions."""

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

    def returned_value(value):
        if type(value) is CountingInt:
            return value.value
        if isinstance(value, int | float):
            return value
        if isinstance(value, list | tuple):  # e.g. a (value, count) pair
            return [returned_value(part) for part in value]
        return f"a {type(value).__name__}"

    def returned(value):
        if not isinstance(value, list | tuple):
            return f"a {type(value).__name__}"
        return [returned_value(part) for part in value]

    student_function = ns["top_k_frequent"]
    values, stopped = [], ""
    for numbers, k in zip(nums_lists, ks, strict=True):
        nums = [CountingInt(v) for v in numbers.tolist()]  # an int64 array comes in
        other_limit[0] = tally[1] + tally[2] + other_per_element * len(numbers)
        try:
            values.append(returned(student_function(nums, k)))
        except TooManyComparisons as stop:
            stopped = str(stop)
            break
    counts = dict(zip(("order", "equality", "hash", "conversion"), tally, strict=True))
    return {"values": values, "counts": counts, "stopped": stopped}


def _plain_call_first(student) -> None:
    """A plain call before any probe, so that a missing or unfinished function is reported
    under its own name, and a wrong one by its value."""
    nums, k = [6, 4, 4, 1, 1, 1, 9, 9, 9, 9, 2, 2, 2, 2, 2, 7], 2  # every slip differs here
    what = f"{NAME} (a plain call, before the counted ones: a wrong answer earns no speed points)"
    _expect_top_k(student.top_k_frequent(nums, k), nums, k, what)


def _count_checked(student, nums_lists: list, ks: list[int], per_element: int, why: str) -> None:
    """Run the probe on (nums_lists, ks); fail on too many comparisons, then on too many ==
    tests and hashes, on conversions that hide comparisons, and on any wrong answer."""
    _plain_call_first(student)
    total = sum(len(nums) for nums in nums_lists)
    order_cap = per_element * total
    result = student.probe(
        probe_counted_calls,
        for_function="top_k_frequent",
        nums_lists=[np.array(nums, dtype=np.int64) for nums in nums_lists],  # arrays cross fast
        ks=ks,
        order_cap=order_cap,
        other_per_element=OTHER_CAP_PER_ELEMENT,
        seed=PROBE_SEED,
    )
    counts, stopped = result["counts"], result["stopped"]
    distinct = len(set(nums_lists[0]))
    sizes = (
        f"{len(nums_lists)} call(s) on n = {len(nums_lists[0])} with U = {distinct} distinct "
        f"values and k = {sorted(set(ks))}"
    )
    if stopped == "order" or counts["order"] > order_cap:
        raise AssertionError(
            f"{NAME} made more than {order_cap:,} comparisons between values ({per_element} "
            f"per element) over {sizes}, and was stopped there: expected O(n + U log k). {why}"
        )
    if stopped == "other" or counts["equality"] + counts["hash"] > OTHER_CAP_PER_ELEMENT * total:
        raise AssertionError(
            f"{NAME} made more than {OTHER_CAP_PER_ELEMENT} == tests and hash() calls per "
            f"element in one of {sizes}, and was stopped there: "
            f"expected one pass of counting. Likely cause: nums.count(v) for every distinct "
            f"value v (U passes over nums, O(n U)), or `x in some_list` inside the loop; count "
            f"with a dict or collections.Counter, one pass"
        )
    if counts["conversion"] >= CONVERSIONS_PER_ELEMENT * total:
        raise AssertionError(
            f"{NAME} turned {counts['conversion']:,} of the grader's counting ints into plain "
            f"numbers with int() or float() over {sizes}, so its comparisons could not be "
            f"counted. Use the values as they are: they are ints, and so is the answer"
        )
    values = result["values"]
    assert len(values) == len(nums_lists), f"{NAME}: the probe returned {len(values)} results"
    for nums, k, got in zip(nums_lists, ks, values, strict=True):
        _expect_top_k(got, nums, k, f"{NAME} (on the counting ints)")


def test_many_distinct_values_small_k_is_not_a_full_sort(student):
    nums_lists = []
    for run in range(RUNS):
        nums = _nums_with_counts(100 + run, [2, 2] + [1] * (RANDOM_U - 2))
        nums_lists.append(nums)
    why = (
        f"Here nearly every value occurs once, so the 4th place is a tie between "
        f"{RANDOM_U - 2:,} values. Likely cause: all distinct values sorted by (-count, value) "
        f"(about {np.log2(RANDOM_U) - 1.44:.1f} U comparisons), or a bucket sort that sorts "
        f"the bucket of the k-th place whole. Keep a heap of the k best (O(U log k)), or "
        f"walk the buckets from the top and take the `need` smallest of the last one with "
        f"heapq.nsmallest(need, bucket)"
    )
    _count_checked(student, nums_lists, [RANDOM_K] * RUNS, RANDOM_BOUND, why)


def test_counting_is_one_pass_not_a_count_per_value(student):
    nums = _nums_with_counts(200, list(range(1, COUNTING_U + 1)))  # counts 1 .. 180, no ties
    why = (
        "Counting needs no comparisons between values, and no two of these 180 counts tie. "
        "Likely cause: nums sorted to bring equal values together (nums.sort(), sorted(nums), "
        "itertools.groupby after a sort): n log n. Count with a dict or Counter, one pass"
    )
    _count_checked(student, [nums], [COUNTING_K], COUNTING_BOUND, why)
