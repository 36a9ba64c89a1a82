"""Grading suite for lc53_max_subarray (LeetCode 53, maximum subarray).

The student writes `max_subarray(nums)`: the largest sum of a NON-EMPTY contiguous slice
nums[i:j], 0 <= i < j <= n. Letters: n = len(nums) >= 1; values are ints or floats of either
sign, ints as large as 10**17 in magnitude.

Every expected value is computed in this file from the definition, never from a solution:
    sum(nums[i:j]) = P[j] - P[i] with the prefix sums P[0] = 0, P[j] = nums[0] + ... + nums[j-1]
so the answer is the largest P[j] - P[i] over 0 <= i < j <= n. Small inputs try every pair
(i, j); the long input of the complexity test takes, for each j, the smallest P[i] before it.
Prefix sums are exact: Python ints for ints, fractions.Fraction for floats.
Complexity is counted, not timed: a probe passes a read-only list-like sequence that counts every
element read, and counts the Python steps (trace events) the call runs. Each test is named for the
gotcha it catches. Categories and points live in grading.yml.
"""

import math
from fractions import Fraction

import numpy as np

from autograder.checks import assert_close, describe, expect_scalar

NAME = "`max_subarray(nums)`"

# Kadane keeps one running sum, so rounding can only add up along the array: summing n floats
# in any order is within n * 2**-53 * sum|x| of the exact sum, so 1e-10 * sum|x| accepts every
# honest float computation up to n ~ 10**5.
FLOAT_RTOL = 1e-10

# Complexity, counted on n = 2**14 elements. Reads: Kadane reads each element once (twice if it
# indexes nums[i] twice); np.asarray(nums) and itertools.accumulate read it once. So an honest
# O(n) solution stays at or under 2n; 4n leaves room. The all-pairs loop reads n**2 / 2 = 8192 n,
# and divide and conquer reads every element once per level, (log2 n + 1) n = 15 n: both fail.
COUNT_N = 2**14
READS_PER_ELEMENT = 4
# Python steps (trace events: one per line run and per call) are a second count that a copy of
# nums cannot hide: Kadane runs 3 to 6 steps per element, so 20 n + 1000 is generous; the
# all-pairs loop over a copy runs at least n**2 = 16384 n. numpy's cumsum or accumulate over the
# whole array costs a fixed number of steps, whatever n is.
STEPS_PER_ELEMENT = 20
STEPS_FIXED = 1000
# No right solution of this drill draws random numbers, so every count is a fixed function of
# the input: measured, Kadane reads 1.00 n and runs 4.0 n steps, NumPy's cumsum 25 steps.


# ---- exact oracles from the definition --------------------------------------------------------


def _prefix_sums(nums: list) -> list:
    """P[0] = 0 and P[j] = nums[0] + ... + nums[j-1], exactly (ints, or Fractions for floats)."""
    exact = [x if isinstance(x, int) else Fraction(x) for x in nums]
    prefix = [0]
    for x in exact:
        prefix.append(prefix[-1] + x)
    return prefix


def _best_all_pairs(nums: list):
    """The largest sum(nums[i:j]) over every pair 0 <= i < j <= n (exact; O(n**2), n <= 400)."""
    prefix = _prefix_sums(nums)
    return max(prefix[j] - prefix[i] for j in range(1, len(prefix)) for i in range(j))


def _best_long(nums: list):
    """The same maximum for a long input: for each j, P[j] minus the smallest P[i], i < j."""
    prefix = _prefix_sums(nums)
    best, smallest = None, prefix[0]
    for j in range(1, len(prefix)):
        candidate = prefix[j] - smallest
        best = candidate if best is None or candidate > best else best
        smallest = min(smallest, prefix[j])
    return best


def _oracle(nums: list):
    return _best_all_pairs(nums) if len(nums) <= 400 else _best_long(nums)


# ---- recognising the usual slips, for the messages --------------------------------------------


def _running_sum_reset_to_zero(nums: list):
    best = current = 0
    for x in nums:
        current = max(0, current + x)
        best = max(best, current)
    return best


def _first_element_counted_twice(nums: list):
    best = current = nums[0]
    for x in nums:  # nums[0] again: it was already taken as the start
        current = max(x, current + x)
        best = max(best, current)
    return best


def _slips(nums: list) -> list[tuple[object, str]]:
    """(what a usual slip returns for nums, its likely cause)."""
    slips = [
        (
            _running_sum_reset_to_zero(nums),
            "the running sum is reset to 0 (or the best starts at 0), which counts the EMPTY "
            "subarray with sum 0; the subarray must hold at least one element, so on an "
            "all-negative array the answer is the largest element. Start both the running sum "
            "and the best at nums[0], and update current = max(x, current + x)",
        ),
        (
            max(nums),
            "the largest single element was returned; a longer slice can sum to more",
        ),
        (
            _first_element_counted_twice(nums),
            "nums[0] is counted twice: the running sum starts at nums[0] and the loop visits "
            "nums[0] again; loop over nums[1:] (or start the running sum at 0 with the best at "
            "-infinity)",
        ),
    ]
    prefix = _prefix_sums(nums)
    slips.append(
        (
            max(prefix[1:]),
            "the running sum never starts afresh (current = current + x, the best prefix "
            "sum): a slice may start anywhere; when the running sum drops below 0, restart at "
            "the next element: current = max(x, current + x)",
        )
    )
    if len(nums) > 1:
        slips.append(
            (
                max(prefix) - min(prefix),
                "max(P) - min(P) over the prefix sums pairs a largest P[j] with a smallest "
                "P[i] that may come after it; the slice needs i < j: keep the smallest prefix "
                "sum seen so far and subtract it from each later one",
            )
        )
    if any(x > 0 for x in nums):  # (with none, this is the reset-to-0 slip again)
        slips.append(
            (
                sum(x for x in nums if x > 0),
                "every positive element was added up: that is the best subSEQUENCE; a subarray "
                "is one contiguous slice nums[i:j]",
            )
        )
    if len(nums) > 1:
        slips.append(
            (
                _best_all_pairs(nums[:-1]) if len(nums) <= 401 else _best_long(nums[:-1]),
                "the last element is never looked at: a loop bound such as "
                "range(len(nums) - 1) stops one step early",
            )
        )
        slips.append(
            (
                _best_all_pairs(nums[1:]) if len(nums) <= 401 else _best_long(nums[1:]),
                "nums[0] is never a candidate: the loop starts at index 1 but the best does not "
                "start at nums[0]",
            )
        )
    return slips


def _likely_cause(value, nums: list) -> str:
    """The cause of a wrong `value`, when exactly one of the usual slips gives that value."""
    expected = _oracle(nums)
    causes = {
        cause for result, cause in _slips(nums) if result != expected and _same(value, result)
    }
    return f"Likely cause: {causes.pop()}" if len(causes) == 1 else ""


def _same(value, exact) -> bool:
    """`value` (a returned number) equals the exact `exact`, compared exactly."""
    try:
        return Fraction(value) == Fraction(exact)
    except (TypeError, ValueError, OverflowError):  # nan or inf: never equal to a finite sum
        return False


# ---- checking one returned value --------------------------------------------------------------


def _as_python_number(got: object, what: str):
    """`got` as a Python int or float (NumPy scalars too), after the type checks of
    expect_scalar: one number, not None, not a list, not a bool."""
    expect_scalar(got, what)
    if isinstance(got, np.ndarray):
        got = got.reshape(()).item()
    if isinstance(got, np.generic):
        got = got.item()
    return got


def _show(nums: list) -> str:
    if len(nums) <= 12:
        return f"nums = {nums}"
    return f"nums of length n = {len(nums)} (starting {nums[:6]})"


def _expect_max_sum(got: object, nums: list, what: str, hint: str = "") -> None:
    """`got` is one number equal to the best subarray sum: exactly when every element is an
    int (Python compares int and float exactly, so 6.0 is accepted for 6 but a float that
    rounded a sum above 2**53 is not), within FLOAT_RTOL * sum|x| otherwise."""
    value = _as_python_number(got, what)
    expected = _oracle(nums)
    hint = _likely_cause(value, nums) or hint
    if all(isinstance(x, int) for x in nums):
        if _same(value, expected):
            return
        message = f"{what}: got {value!r}, expected {expected}"
        if isinstance(value, float) and abs(expected) > 2**53:
            message += (
                f" exactly: the sum went through floating point, which rounds above 2**53 "
                f"(got {describe(value)}). For int input keep ints: start from nums[0], not "
                f"from 0.0 or float('-inf') plus a number"
            )
        raise AssertionError(f"{message}. {hint}" if hint else message)
    scale = math.fsum(abs(x) for x in nums)
    assert_close(value, float(expected), 0.0, FLOAT_RTOL * scale, what, hint)


# ---- data -------------------------------------------------------------------------------------


def _random_ints(rng: np.random.Generator, n: int, low: int = -50, high: int = 50) -> list:
    return [int(x) for x in rng.integers(low, high + 1, size=n)]


# ---- shapes -----------------------------------------------------------------------------------


def test_returns_one_number(student):
    for nums in ([2, -1, 3], [-4, 7, -2, 5, -9], [1.5, -0.5, 2.0]):
        what = f"{NAME} for nums = {nums}"
        got = student.max_subarray(nums)
        if isinstance(got, list | tuple):
            raise AssertionError(
                f"{what} is {describe(got)}, expected one number, the largest sum. Likely "
                f"cause: the subarray itself (or its bounds) was returned; return its sum"
            )
        expect_scalar(got, what)


# ---- correctness ------------------------------------------------------------------------------


def test_matches_best_of_all_slices_on_random_arrays(student):
    rng = np.random.default_rng(0)
    cases = [_random_ints(rng, n) for n in (2, 5, 17, 60, 300)]
    cases.append([float(x) for x in rng.normal(size=120) * 10.0 ** rng.uniform(-3, 3, size=120)])
    for nums in cases:
        kind = "float" if isinstance(nums[0], float) else "int"
        got = student.max_subarray(nums)
        _expect_max_sum(got, nums, f"{NAME} for {_show(nums)}, {kind} values")


def test_best_slice_ending_at_the_last_element_counts(student):
    nums = [3, -10, 4, 5, -1, 2]  # 4 + 5 - 1 + 2 = 10, ending at nums[-1]
    hint = (
        "The best slice ends at the last element, so the last update of the running sum must "
        "reach the best. Likely cause: the best is updated before the running sum in the loop "
        "body (or the loop stops at n - 1); update current first, then best = max(best, current)"
    )
    _expect_max_sum(student.max_subarray(nums), nums, f"{NAME} for nums = {nums}", hint)


def test_first_element_counts_once_when_the_best_slice_starts_at_index_0(student):
    nums = [6, 2, -9, 1, 3, -20, 4]  # 6 + 2 = 8, starting at nums[0]
    hint = (
        "The best slice starts at nums[0]: it must be counted once. If the running sum starts at "
        "nums[0], loop over the rest, nums[1:]"
    )
    _expect_max_sum(student.max_subarray(nums), nums, f"{NAME} for nums = {nums}", hint)


def test_negative_element_inside_the_best_slice_is_counted(student):
    nums = [-2, 5, -1, 5, -2]  # 5 - 1 + 5 = 9: the -1 is part of the best slice
    hint = (
        "The best slice runs across a negative element, which is part of its sum: a subarray is "
        "one contiguous slice nums[i:j], not the positive elements picked out"
    )
    _expect_max_sum(student.max_subarray(nums), nums, f"{NAME} for nums = {nums}", hint)


def test_all_positive_array_gives_the_sum_of_the_whole_array(student):
    nums = [1, 2, 3, 4]  # 10
    hint = "Every element is positive, so the best slice is the whole array"
    _expect_max_sum(student.max_subarray(nums), nums, f"{NAME} for nums = {nums}", hint)


def test_running_sum_restarts_after_a_large_negative(student):
    nums = [-3, 4, -100, 5, -100, 2]  # 5 alone: every longer slice crosses a -100
    hint = (
        "The best slice is the single element 5 between two -100s: once the running sum drops "
        "below 0 it must start afresh at the next element (current = max(x, current + x)), not "
        "carry the loss along as the running total of a prefix"
    )
    _expect_max_sum(student.max_subarray(nums), nums, f"{NAME} for nums = {nums}", hint)


def test_prefix_minimum_is_taken_before_the_maximum(student):
    nums = [5, -10, 1, 2]  # P = 0, 5, -5, -4, -2: best 5; max(P) - min(P) = 10 pairs j < i
    hint = (
        "With prefix sums the answer is P[j] - P[i] for i < j: the smallest prefix sum must come "
        "BEFORE the largest. max(P) - min(P) also takes a minimum that comes after the maximum; "
        "keep the smallest prefix sum seen so far instead"
    )
    _expect_max_sum(student.max_subarray(nums), nums, f"{NAME} for nums = {nums}", hint)


def test_input_is_not_modified(student):
    nums = _random_ints(np.random.default_rng(1), 40)
    _, (after,) = student.call_seeing_inputs("max_subarray", list(nums))
    if after == nums:
        return
    detail = f"it is now {describe(after)}"
    if isinstance(after, list) and len(after) == len(nums):
        k = next(k for k, (x, y) in enumerate(zip(after, nums, strict=True)) if x != y)
        detail = f"nums[{k}] was {nums[k]} and is now {after[k]}"
    raise AssertionError(
        f"{NAME} changed its input: {detail}. The caller's list must stay as it was. Likely "
        f"cause: prefix sums written into nums itself (nums[i] += nums[i - 1]), or sort(), "
        f"pop() or reverse(); keep the running sum in a variable instead"
    )


# ---- stability --------------------------------------------------------------------------------


def test_all_negative_array_gives_its_largest_element_not_zero(student):
    cases = [
        [-3, -1, -2],  # -1
        [-8, -5, -7, -5, -9],  # -5, twice
        [-1],
        _random_ints(np.random.default_rng(2), 50, low=-90, high=-10),
        [-2.5, -0.5, -1.0],  # -0.5
    ]
    hint = (
        "Every element is negative, so the best non-empty slice is the largest single element. "
        "A result of 0 means the empty subarray was counted: start the running sum and the best "
        "at nums[0]"
    )
    for nums in cases:
        got = student.max_subarray(nums)
        _expect_max_sum(got, nums, f"{NAME} for {_show(nums)} (all negative)", hint)


def test_single_element_array_gives_that_element(student):
    hint = "With n = 1 the only non-empty slice is nums itself"
    for nums in ([5], [-7], [0], [2.5]):
        _expect_max_sum(student.max_subarray(nums), nums, f"{NAME} for nums = {nums}", hint)


def test_ints_beyond_2_53_are_summed_exactly(student):
    big = 3 * 10**16 + 1  # 2 * big + 1 is above 2**53: a float sum of it rounds
    cases = [
        [big, -1, big, -(10**17), 5],  # 2 * big - 1 = 60000000000000001
        [1e300, -1e300, 1e300, 1e300],  # 2e300: large but finite
    ]
    hint = (
        "The sums pass 2**53, where floats stop being exact. Likely cause: a running sum that "
        "starts at 0.0 or float('-inf') (or float() of the elements, or a float NumPy array) "
        "turns the ints into floats; start from nums[0] and keep ints"
    )
    for nums in cases:
        _expect_max_sum(student.max_subarray(nums), nums, f"{NAME} for nums = {nums}", hint)


def test_sums_below_minus_2_31_beat_any_sentinel(student):
    cases = [
        [-(10**15), -(10**12) - 7, -(10**14)],  # all below -2**31 and -10**9: -10**12 - 7
        [-(10**17) + 3, -(10**17) + 1, -(10**17) + 2],  # -10**17 + 1
    ]
    hint = (
        "Every sum is far below 0 here: a starting value such as -2**31, -10**9 or -10**4 - 1 "
        "(a sentinel taken from LeetCode's limits) is larger than every sum. Start from nums[0], "
        "or from float('-inf') for the best only"
    )
    for nums in cases:
        _expect_max_sum(student.max_subarray(nums), nums, f"{NAME} for nums = {nums}", hint)


# ---- complexity -------------------------------------------------------------------------------


def probe_count_reads_and_steps(ns, values, max_reads, max_steps):
    """Runs in the worker. Calls ns["max_subarray"] on a read-only list-like sequence of
    `values` that counts every element read, and counts the Python steps (trace events: one per
    line run, one per call) of the call outside this probe. The call is stopped as soon as either
    count goes over its cap, so a quadratic loop is never run out. Returns plain data."""
    import collections.abc
    import sys

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
        or each element a slice or a copy takes costs one read. `in`, index(), count() and
        reversed() come from collections.abc.Sequence, so they count too."""

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
            raise TypeError(
                "nums is read-only here: the grader passes a read-only list-like sequence, and "
                "max_subarray must not change its input"
            )

        def copy(self):
            return list(self)

        def __getattr__(self, name):
            if name in ("append", "extend", "insert", "pop", "remove", "sort", "reverse", "clear"):
                raise AttributeError(
                    f".{name}() is not available: the grader passes a read-only list-like "
                    f"sequence here, and max_subarray must not change its input"
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

    function = ns["max_subarray"]
    nums = ReadOnlyNumbers(values.tolist())
    value = None
    sys.settrace(tracer)
    try:
        value = function(nums)
    except TooMuchWork:
        pass
    finally:
        sys.settrace(None)
    return {"value": value, "reads": reads[0], "steps": steps[0], "stopped": stopped[0]}


def test_reads_each_element_a_constant_number_of_times(student):
    # A plain call first, so that a missing or unfinished function is reported by its own name.
    _expect_max_sum(student.max_subarray([2, -1, 3]), [2, -1, 3], f"{NAME} for [2, -1, 3]")
    n = COUNT_N
    nums = _random_ints(np.random.default_rng(3), n, low=-100, high=100)
    max_reads = READS_PER_ELEMENT * n
    max_steps = STEPS_PER_ELEMENT * n + STEPS_FIXED
    result = student.probe(
        probe_count_reads_and_steps,
        for_function="max_subarray",
        values=np.array(nums, dtype=np.int64),
        max_reads=max_reads,
        max_steps=max_steps,
    )
    if not isinstance(result, dict) or not {"reads", "steps", "stopped"} <= set(result):
        raise AssertionError(f"{NAME} could not be counted: the probe returned {describe(result)}")
    reads, steps, stopped = result["reads"], result["steps"], result["stopped"]
    if stopped == "reads" or reads > max_reads:
        raise AssertionError(
            f"{NAME} read more than {max_reads:,} elements for n = {n:,} (stopped after "
            f"{reads:,} reads): expected O(n), at most {READS_PER_ELEMENT} n = {max_reads:,}. "
            f"Trying every slice reads about n**2 / 2 = {n * n // 2:,}, divide and conquer "
            f"about (log2 n + 1) n = {15 * n:,}. Likely cause: a loop over every start i with an "
            f"inner loop (or sum(nums[i:j])) over every end j, or divide and conquer, which reads "
            f"every element once per level. Kadane's running sum reads each element once: "
            f"current = max(x, current + x); best = max(best, current)"
        )
    if stopped == "steps" or steps > max_steps:
        raise AssertionError(
            f"{NAME} ran more than {max_steps:,} Python steps for n = {n:,} (stopped after "
            f"{steps:,} steps, {reads:,} element reads): expected O(n), at most "
            f"{STEPS_PER_ELEMENT} n + {STEPS_FIXED} = {max_steps:,} (a step is one line run or "
            f"one call). Likely cause: nums was copied (list(nums), nums[:]) and the copy is "
            f"searched slice by slice, O(n**2): one pass with a running sum is enough"
        )
    _expect_max_sum(result["value"], nums, f"{NAME} for {_show(nums)}")
