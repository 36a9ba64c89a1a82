"""Grading suite for lc215_kth_largest.

The student writes `find_kth_largest(nums, k)`: the k-th largest element of the list `nums`,
counting repeated values (LeetCode 215). Letters: n = len(nums) >= 1 and the rank k, with
1 <= k <= n; the values are ints, |value| <= 10**18.

Every expected value comes from the definition, in this file: the list sorted in descending
order (Python's sorted(), exact ints), at position k - 1. Nothing is compared with a solution.
Complexity is counted, not timed: a probe passes `nums` as a list of counting ints (a small
class defined inside the probe) that count each ordering comparison (<, <=, >, >=) they take
part in, and separately each == / != and each hash(); the call is stopped at a cap, so a
quadratic loop is never run out. The verdict is the same on every machine and every run.
Each test is named for the gotcha it catches. Categories and points live in grading.yml.
"""

import numpy as np

from autograder.checks import describe

NAME = "`find_kth_largest(nums, k)`"

# ---- complexity: sizes and bounds, with the arithmetic ----------------------------------------
#
# The random test: RUNS = 6 calls, each on n = 2**14 distinct values in random order with k = 4,
# allowed 8 ordering comparisons per element over all the calls: 8 * 2**14 * 6 = 786,432.
# - A full sort is the wrong class: every comparison sort needs log2(n!) = n (log2 n - 1.44)
#   = 12.56 n comparisons at n = 2**14 (Python's sorted() takes 12.7 n), 1.6x over the bound.
# - A size-k heap is about (2 log2(k + 1) + 1) n: push-then-pop measures 5.0 n at k = 4,
#   heapq.heappushpop / heapreplace after a look at heap[0] and heapq.nlargest 1.0 n.
# - Quickselect with random pivots: for a small k each round keeps the part below (or above)
#   a uniformly random pivot, so the elements compared sum to n (1 + U1 + U1 U2 + ...): mean
#   2 n, standard deviation 0.71 n (the Dickman distribution). A partition by three list
#   comprehensions (<, ==, >) makes 2 ordering comparisons per element per round: mean 4 n.
#   Over RUNS = 6 independent calls their average passes 8 n (sum passes 4 n per call) with
#   probability below exp(-6 * 2.33) = 9e-7, under 1e-6, whatever the seed (Chernoff, with
#   the moment generating function exp(s + Ein(s)) of 1 + Dickman at s = 1.9). The probe
#   seeds `random` (PROBE_SEED), so a given solution always gets the same count.
# Measured with PROBE_SEED, per element: the variants' quickselects 1.57 n (two-way), 1.85 n
# (three lists), 2.00 n (first-element pivot), 2.09 n (Hoare); heaps 1.00 n and 5.00 n;
# sorted() and nums.sort() stopped at the bound.
# The structured tests (sorted input; few distinct values): n = 2**12, bound 40 n = 163,840.
# A first-element pivot on ascending input (or a last-element one on descending input)
# splits off one value per round: about n**2 = 4096 n comparisons with k = 4 (4097 n
# measured), and a two-way partition on the values 0, 1, 2 with k = n / 2 peels each block of
# equal values one element per round (176 n measured); a heap or a sort stays under 9 n on
# these inputs; random-pivot quickselect passes 40 n with probability below 1e-26 (the same
# Chernoff bound at 20 n per call, one call).
RANDOM_N, RANDOM_K, RUNS, RANDOM_BOUND = 2**14, 4, 6, 8
STRUCTURED_N, STRUCTURED_BOUND = 2**12, 40
# == tests and hash() calls: a quickselect or a heap makes none or about one per comparison;
# the cap only stops a call that scans the list over and over (`x in nums`, nums.index(x)).
# Measured on the structured inputs: heaps 2.0 n to 8.2 n, quickselects 1.0 n to 2.7 n,
# sorts 1.0 n and 5.1 n; a first-element pivot on sorted input and a two-way partition on
# the values 0, 1, 2 were stopped at 40 n.
OTHER_CAP_PER_ELEMENT = 64
# Below this many int() / float() conversions per element the counts still cover the work.
CONVERSIONS_PER_ELEMENT = 0.5
PROBE_SEED = 215


# ---- the oracle and the usual slips -----------------------------------------------------------


def _kth_largest(nums: list[int], k: int) -> int:
    """The definition: position k - 1 of the values in descending order."""
    return sorted(nums, reverse=True)[k - 1]


def _slips(nums: list[int], k: int) -> list[tuple[int, str]]:
    """(what a usual slip returns on (nums, k), its likely cause), where the slip is defined."""
    descending = sorted(nums, reverse=True)
    distinct = sorted(set(nums), reverse=True)
    n = len(nums)
    slips = [
        (
            sorted(nums)[k - 1],
            "that is the k-th SMALLEST value: the k-th largest is at position k - 1 of the "
            "descending order, or n - k of the ascending one",
        )
    ]
    if k < n:
        slips.append(
            (
                descending[k],
                "that is the (k+1)-th largest: k counts from 1, so the k-th largest sits at "
                "index k - 1 of the descending order (index k is one too far)",
            )
        )
    if k >= 2:
        slips.append(
            (
                descending[k - 2],
                "that is the (k-1)-th largest: the k-th largest sits at index k - 1 of the "
                "descending order",
            )
        )
    if k <= len(distinct):
        slips.append(
            (
                distinct[k - 1],
                "that is the k-th largest DISTINCT value: repeated values count, "
                "[5, 5, 4] has 5 as its 2nd largest; do not deduplicate with set()",
            )
        )
    return slips


def _likely_cause(got: int, nums: list[int], k: int) -> str:
    expected = _kth_largest(nums, k)
    if got not in set(nums):
        return (
            "Likely cause: the value returned is not an element of nums at all: a sentinel "
            "(0, -1, float('-inf')) or a pre-filled heap that was never replaced"
        )
    causes = sorted(
        {cause for value, cause in _slips(nums, k) if value != expected and value == got}
    )
    if not causes:
        return ""
    return "Likely cause: " + "; or ".join(causes)


def _show(nums: list[int]) -> str:
    if len(nums) <= 10:
        return f"nums = {nums}"
    return f"nums = [{', '.join(map(str, nums[:6]))}, ...] (n = {len(nums)})"


def _expect_kth(got: object, nums: list[int], k: int, what: str, hint: str = "") -> None:
    """`got` is one int equal to the k-th largest of nums; the message names a recognised
    slip, else `hint`."""
    if got is None:
        raise AssertionError(f"{what} is None, expected an int: is a `return` missing?")
    if isinstance(got, bool) or not isinstance(got, int | np.integer):
        cause = ""
        if isinstance(got, list | tuple):
            cause = (
                ": the k largest values themselves came back; return only the k-th of them "
                "(for heapq.nlargest(k, nums), its last element)"
            )
        elif isinstance(got, float):
            cause = (
                ": an int was turned into a float (float('-inf') as a start value that was "
                "returned, or float(x) somewhere)"
            )
        raise AssertionError(f"{what} is {describe(got)}, expected one int{cause}")
    expected = _kth_largest(nums, k)
    if int(got) != expected:
        cause = _likely_cause(int(got), nums, k) or hint
        raise AssertionError(
            f"{what} for {_show(nums)}, k = {k}: got {int(got)}, expected {expected} "
            f"(sorted descending, position k - 1). {cause}".rstrip()
        )


def _distinct_values(seed: int, n: int, low: int = -(10**4), high: int = 10**4) -> list[int]:
    """n distinct ints from [low, high] in random order."""
    rng = np.random.default_rng(seed)
    return rng.choice(np.arange(low, high + 1), size=n, replace=False).tolist()  # Python ints


# ---- shapes ------------------------------------------------------------------------------------


def test_returns_one_int_not_a_list(student):
    nums, k = [3, 1, 2, 5, 4], 2
    got = student.find_kth_largest(nums, k)
    if got is None:
        raise AssertionError(f"{NAME} is None, expected an int: is a `return` missing?")
    if isinstance(got, bool) or not isinstance(got, int | np.integer):
        cause = ""
        if isinstance(got, list | tuple):
            cause = (
                ": this looks like the k largest values; the function returns only the "
                "k-th of them, one int"
            )
        raise AssertionError(
            f"{NAME} for nums = {nums}, k = {k} is {describe(got)}, expected one int{cause}"
        )


# ---- correctness -------------------------------------------------------------------------------

# (n, k): k at both ends and in the middle, n from 2 to 2000; distinct values in [-10**4, 10**4].
RANDOM_CASES = [(7, 3), (50, 17), (2, 1), (2, 2), (1000, 1), (1000, 500), (1000, 999), (2000, 3)]


def test_matches_descending_order_at_position_k_minus_1(student):
    for seed, (n, k) in enumerate(RANDOM_CASES):
        nums = _distinct_values(seed, n)
        got = student.find_kth_largest(nums, k)
        _expect_kth(got, nums, k, f"{NAME} (distinct values)")


def test_returns_the_value_not_its_position(student):
    nums, k = [30, 10, 50, 20, 40], 2  # 40; it sits at index 3 = n - k of the ascending order
    got = student.find_kth_largest(list(nums), k)
    n = len(nums)
    if isinstance(got, int | np.integer) and not isinstance(got, bool):
        positions = {n - k: "n - k, its index in the ascending order", k - 1: "k - 1"}
        if int(got) in positions:
            raise AssertionError(
                f"{NAME} for nums = {nums}, k = {k}: got {int(got)}, expected "
                f"{_kth_largest(nums, k)}. Likely cause: the position of the k-th largest "
                f"({positions[int(got)]}) was returned, not the value there: return a[target]"
            )
    _expect_kth(got, nums, k, NAME)


def test_a_small_value_after_the_first_k_does_not_enter_the_heap(student):
    cases = [([9, 8, 7, 1], 2), ([50, 40, 30, 20, 10, 0], 3)]  # 8 and 30
    hint = (
        "A value not larger than the heap's top cannot be among the k largest and must be "
        "skipped. Likely cause: heapq.heapreplace(heap, x) for every x: it pops first, then "
        "pushes, so x always enters; test x > heap[0] first, or use heapq.heappushpop"
    )
    for nums, k in cases:
        _expect_kth(student.find_kth_largest(list(nums), k), nums, k, NAME, hint)


def test_first_k_values_are_a_heap_before_heap_0_is_read(student):
    cases = [([9, 1, 5, 3, 2], 3), ([9, 7, 5, 1, 2, 3], 3)]  # 3 and 5
    hint = (
        "The first k values come in descending order here. Likely cause: heap = nums[:k] was "
        "used without heapq.heapify(heap), so heap[0] is not the smallest of them and every "
        "comparison with it is wrong"
    )
    for nums, k in cases:
        _expect_kth(student.find_kth_largest(list(nums), k), nums, k, NAME, hint)


def test_nums_is_not_sorted_or_reordered_in_place(student):
    nums = _distinct_values(20, 40)
    for k in (1, 13, 40):
        _, after = student.call_seeing_inputs("find_kth_largest", list(nums), k)
        now = after[0]
        if now == nums:
            continue
        detail = f"it is now {describe(now)}"
        if isinstance(now, list) and len(now) == len(nums):
            at = next(i for i, (x, y) in enumerate(zip(now, nums, strict=True)) if x != y)
            detail = f"nums[{at}] was {nums[at]} and is now {now[at]}"
            if sorted(now) == sorted(nums):
                detail += " (the same values, reordered)"
        raise AssertionError(
            f"{NAME} with k = {k} changed its `nums` argument: {detail}. The caller's list "
            f"must stay as it was. Likely cause: nums.sort(), or a quickselect that partitions "
            f"nums in place; partition a copy (list(nums), O(n)) or build new lists"
        )


# ---- stability: edge and extreme inputs --------------------------------------------------------


def test_k_1_gives_the_maximum(student):
    cases = [([42], 1), ([8, -3, 5, 0], 1), (_distinct_values(30, 300), 1)]
    hint = (
        "k = 1 asks for the largest value. Likely cause: a heap that pops as soon as it holds k "
        "values (`len(heap) >= k`) keeps k - 1 of them, none at all for k = 1; pop only when it "
        "holds k + 1"
    )
    for nums, k in cases:
        _expect_kth(student.find_kth_largest(list(nums), k), nums, k, NAME, hint)


def test_k_n_gives_the_minimum(student):
    cases = [([42], 1), ([8, -3, 5, 0], 4), (_distinct_values(30, 300), 300)]
    hint = (
        "k = n asks for the smallest value, at index n - 1 of the descending order and index 0 "
        "of the ascending one: an index k or n - k - 1 runs off the end"
    )
    for nums, k in cases:
        _expect_kth(student.find_kth_largest(list(nums), k), nums, k, NAME, hint)


def test_repeated_values_count_toward_k(student):
    cases = [
        ([7, 2, 7, 1, 7, 0], 2),  # 7, 7, 7, 2, 1, 0: the 2nd largest is the second 7
        ([3, 2, 3, 1, 2, 4, 5, 5, 6], 4),  # LeetCode's example: 6, 5, 5, 4 -> 4
        ([5, 5, 4], 2),  # the 2nd largest is the second 5
        ([1, 1, 1, 1], 3),
        ([2, 7, 7, 7, 1], 3),
        ([-1, -1, 2, 2, 2, 0], 5),
    ]
    for nums, k in cases:
        hint = (
            "Repeated values each take a place in the order: the k-th largest of "
            "[5, 5, 4] for k = 2 is 5. Keep duplicates (no set(), no `if x not in heap`)"
        )
        _expect_kth(student.find_kth_largest(list(nums), k), nums, k, NAME, hint)


def test_all_negative_values_need_no_zero_start(student):
    cases = [
        ([-5, -1, -3, -9], 1),
        ([-5, -1, -3, -9], 3),
        ([-1000 - 7 * k for k in range(30)], 17),
    ]
    hint = (
        "Every value is negative here, so 0 is larger than all of them. Likely cause: a start "
        "value such as 0 or -1, or a heap pre-filled with k zeros ([0] * k) that no value "
        "replaces; start the heap from nums[:k] (heapified), or use the values themselves"
    )
    for nums, k in cases:
        _expect_kth(student.find_kth_largest(list(nums), k), nums, k, NAME, hint)


def test_values_near_10_18_are_compared_exactly(student):
    big = 10**18
    cases = [
        ([big, -big, big - 1, 0, -big + 1], 2),
        ([big, -big, big - 1, 0, -big + 1], 5),
        ([-(10**12) - k for k in range(30)], 17),
        ([big - 3, big - 1, big - 2, big], 3),
    ]
    hint = (
        "Values go up to 10**18 in size: no array indexed by value (a counting sort over "
        "[-10**4, 10**4] only covers LeetCode's range), and no float(), which cannot tell "
        "10**18 from 10**18 - 1"
    )
    for nums, k in cases:
        _expect_kth(student.find_kth_largest(list(nums), k), nums, k, NAME, hint)


# ---- complexity: counted comparisons, in the worker --------------------------------------------


def probe_counted_calls(ns, lists, ks, order_cap, other_per_element, seed):
    """Runs in the worker. Calls find_kth_largest(nums, k) for each int64 array of `lists` and
    the matching k of `ks`, with nums a fresh list of counting ints made from its values.
    Counts ordering comparisons, == / != tests, hash() calls and int() / float() conversions
    over all the calls. The call that makes ordering comparison number order_cap + 1 (summed
    over the calls), or more than other_per_element == tests and hashes per element of its
    own input, is stopped, and no further call is made. Returns what each finished call
    returned (a counting int as its plain value), the counts, and why it stopped ("" when it
    did not)."""
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
        gives CountingInts again (so -x or x + 1 still counts); int(), float() and the math
        module give plain numbers, which are counted as conversions."""

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

    def returned(value):
        if type(value) is CountingInt:
            return value.value
        if isinstance(value, int | float | type(None)):
            return value
        return f"a {type(value).__name__}"

    student_function = ns["find_kth_largest"]
    values, stopped = [], ""
    for numbers, k in zip(lists, ks, strict=True):
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
    nums, k = [2, 5, 1, 4, 3], 2  # every usual slip gives a different wrong value here
    what = f"{NAME} (a plain call, before the counted ones: a wrong answer earns no speed points)"
    _expect_kth(student.find_kth_largest(nums, k), nums, k, what)


def _count_checked(student, lists: list[list[int]], ks: list[int], per_element: int, why: str):
    """Run the probe on (lists, ks); fail on too many comparisons, on conversions that hide
    them, then on any wrong value. `why` names the likely cause of too many comparisons."""
    _plain_call_first(student)
    elements = sum(len(nums) for nums in lists)
    order_cap = per_element * elements
    result = student.probe(
        probe_counted_calls,
        for_function="find_kth_largest",
        lists=[np.array(nums, dtype=np.int64) for nums in lists],  # arrays cross fast
        ks=ks,
        order_cap=order_cap,
        other_per_element=OTHER_CAP_PER_ELEMENT,
        seed=PROBE_SEED,
    )
    counts, stopped = result["counts"], result["stopped"]
    sizes = f"{len(lists)} call(s) on n = {len(lists[0])} with k = {sorted(set(ks))}"
    if stopped == "order" or counts["order"] > order_cap:
        raise AssertionError(
            f"{NAME} made more than {order_cap:,} comparisons ({per_element} per element) "
            f"over {sizes}, and was stopped there: expected O(n) on average. {why}"
        )
    if stopped == "other" or counts["equality"] + counts["hash"] > OTHER_CAP_PER_ELEMENT * elements:
        raise AssertionError(
            f"{NAME} made more than {OTHER_CAP_PER_ELEMENT} == tests and hash() calls per "
            f"element in one of {sizes}, and was stopped there: something scans nums again "
            f"and again (`x in nums`, nums.index(x), nums.count(x) or remove() inside a loop "
            f"over nums)"
        )
    if counts["conversion"] >= CONVERSIONS_PER_ELEMENT * elements:
        raise AssertionError(
            f"{NAME} turned {counts['conversion']:,} of the grader's counting ints into plain "
            f"numbers with int() or float() over {sizes}, so its comparisons could not be "
            f"counted. Compare the values as they are (they are ints, and so is the answer)"
        )
    values = result["values"]
    assert len(values) == len(lists), f"{NAME}: the probe returned {len(values)} results"
    for nums, k, got in zip(lists, ks, values, strict=True):
        if isinstance(got, str):  # the probe's description of something that is not a number
            raise AssertionError(f"{NAME} on the counting ints returned {got}, expected one int")
        _expect_kth(got, nums, k, f"{NAME} (on the counting ints)")


def test_small_k_costs_linear_comparisons_not_a_full_sort(student):
    lists = [_distinct_values(100 + run, RANDOM_N) for run in range(RUNS)]
    why = (
        f"Likely cause: a full sort (sorted(nums), nums.sort(), heapq.nlargest(n, ...)) "
        f"costs n log2 n, about {np.log2(RANDOM_N) - 1.44:.1f} n comparisons here, whatever "
        f"k is. Keep a min-heap of the k largest seen so far (O(n log k)), or quickselect "
        f"with a random pivot (O(n) on average)"
    )
    _count_checked(student, lists, [RANDOM_K] * RUNS, RANDOM_BOUND, why)


def test_sorted_input_does_not_make_quickselect_quadratic(student):
    values = _distinct_values(200, STRUCTURED_N)
    lists = [sorted(values), sorted(values, reverse=True)]
    why = (
        "The input was sorted (ascending, then descending). Likely cause: quickselect with "
        "the first or the last element as its pivot, which on sorted input splits off one "
        "element per round: n**2 / 2 comparisons. Pick the pivot at random "
        "(random.choice, random.randint)"
    )
    _count_checked(student, lists, [4, 4], STRUCTURED_BOUND, why)


def test_many_equal_values_do_not_make_quickselect_quadratic(student):
    rng = np.random.default_rng(300)
    lists = [rng.integers(0, 3, size=STRUCTURED_N).tolist()]  # the values 0, 1, 2 only
    why = (
        "The input held only the values 0, 1 and 2. Likely cause: a two-way partition "
        "(`< pivot` to one side, everything else to the other), which moves every element "
        "equal to the pivot to the same side, so a block of equal values is peeled off one "
        "element per round. Partition three ways: < pivot, == pivot, > pivot"
    )
    _count_checked(student, lists, [STRUCTURED_N // 2], STRUCTURED_BOUND, why)
