"""Grading suite for lc380_randomized_set.

The student writes the class `RandomizedSet()` with `insert(val) -> bool` (True when val was
absent and is now in), `remove(val) -> bool` (True when val was present and is now out) and
`getRandom() -> int` (a member, each with probability 1 / m), all in amortised O(1).
Letters: m the number of values in the set at the time of a call; n the number of values
inserted in the complexity tests. Values are ints, of either sign.

Every expected value is computed in this file from a plain Python set replaying the same
operations (insert returns `val not in S`, remove returns `val in S`, getRandom returns a
member of S). getRandom is random, so its uniformity is checked by a chi-square
goodness-of-fit test (`checks.expect_counts_fit`) against the (1 - 1e-6) quantile of
chi-square with m - 1 degrees of freedom: a correct getRandom fails it with probability below
1e-6, whatever the seed (the chi-square approximation, sound here: 1,000 expected draws per
value). The probes seed `random` and NumPy's global generator, so a run is reproducible.

Complexity is counted, not timed: the values passed in count every ==, != and hash() made on
them (a dict or set lookup hashes once; `val in some_list` or list.remove compares val with
the stored values one by one), the instance's lists count their element reads and the
elements each insert(i, x), pop(i) or del shifts, and its sets and dicts count the elements
their iteration visits. tracemalloc measures what one getRandom allocates. Calls are stopped at
a cap, so a scan per operation is never run out. Each test is named for the gotcha it catches.
Categories and points live in grading.yml.
"""

import collections

import numpy as np

from autograder.checks import describe, expect_counts_fit

CLASS = "`RandomizedSet`"
FALSE_FAILURE = 1e-6

SWAP_HINT = (
    "The usual trap is remove(val): moving the last value into val's slot, then forgetting "
    "to update the moved value's index (index[last] = i), or updating it after deleting val's "
    "entry when val IS the last value (which puts val back)"
)
FALSY_HINT = (
    "A value in the set was taken for absent. The value stored at position 0 has index 0, "
    "and 0 is falsy: `if self.index.get(val):` treats it as absent. Test membership with "
    "`val in self.index`"
)
OFF_BY_ONE_HINT = (
    "the position must run over 0 .. m - 1: random.randint(0, len(values)) includes "
    "len(values), one past the end, and random.randrange(1, len(values)) never draws 0 (and "
    "raises on a set of one value). Use random.randrange(len(values)) or random.choice(values)"
)

# ---- complexity bounds -----------------------------------------------------------------------
# n = 2**14 distinct values inserted, then 2**13 mixed operations (removes of present and of
# absent values, inserts of present and of new values, 256 getRandom): 24,576 operations.
# Each value arrives as a fresh object, so a dict lookup costs a hash and, when the value is
# there, one == with the stored key. Counted per operation, measured: the list + dict answer
# makes 2 per insert (a hash to test, a hash to store), 8 per remove of a present value (four
# hashes, three ==, the read of values[-1]) and 1 per absent one, 1 per getRandom (the read
# random.choice makes): 2.4 per operation on average, 8 at most whatever the mix; the other
# right variants 2.1. Bound 16 per operation on average (a cap of 393,216 in all). A list
# scanned per operation (`val in values`, values.remove(val), .index) makes about n / 2 =
# 8,192 comparisons per operation (stopped within the first thousand inserts); a copy of the
# set per getRandom visits all n (16,321 per call measured).
# Memory: 16 getRandom calls with n = 2**12 values stored: the right variants allocate 156 to
# 220 bytes in a call; list(self.values) or tuple(...) of 4,096 values takes 32 KB, and
# np.random.choice(values) converts the list into a 32 KB array. Bound 4 KB per call.
COUNT_N = 2**14
COUNT_MIXED = 2**13
COUNT_GET_RANDOM = 256
OPS_PER_OPERATION = 16
MEMORY_N = 2**12
MEMORY_CALLS = 16
MEMORY_BYTES_PER_CALL = 4096


# ---- probes: run in the worker ----------------------------------------------------------------


def probe_operations(ns, ops, seed):
    """Runs in the worker. Seeds `random` and NumPy's global generator, builds
    ns["RandomizedSet"](), runs `ops` in order (["insert", v], ["remove", v], ["getRandom"])
    and returns what each returned: bools and ints as they are, anything else as [type name,
    repr]. The first exception (other than NotImplementedError, which is left to say which
    method is missing) stops the run and is reported with where it was raised."""
    import random
    import traceback

    import numpy as np

    random.seed(seed)
    np.random.seed(seed % 2**32)
    randomized = ns["RandomizedSet"]()
    results = []
    for op in ops:
        try:
            if op[0] == "insert":
                got = randomized.insert(op[1])
            elif op[0] == "remove":
                got = randomized.remove(op[1])
            else:
                got = randomized.getRandom()
        except NotImplementedError:
            raise
        except Exception as exc:
            frames = traceback.extract_tb(exc.__traceback__)
            where = f"{frames[-1].name}, line {frames[-1].lineno}" if frames else ""
            return {"results": results, "error": [type(exc).__name__, str(exc)[:200], where]}
        if isinstance(got, bool | np.bool_):
            results.append(bool(got))
        elif isinstance(got, int | np.integer) and abs(got) < 2**62:
            results.append(int(got))
        else:
            results.append([type(got).__name__, repr(got)[:60]])
    return {"results": results, "error": None}


def probe_counted_operations(ns, codes, values, seed, cap):
    """Runs in the worker. Runs the operations codes[k] (0 insert, 1 remove, 2 getRandom) of
    values[k] on ns["RandomizedSet"](), passing each value as a fresh int whose ==, != and
    hash() are counted. Right after the constructor, the instance's lists, dicts and sets are
    replaced by copies that count element reads and shifted elements (lists) and the elements
    iteration visits (dicts, sets). Stops at cap counted operations in all. Returns the results
    as plain ints (bools as 0 / 1), the counts per kind of operation and where it stopped."""
    import random

    import numpy as np

    state = {"ops": 0}

    class TooManyOperations(BaseException):
        """Ends the student's call once the cap is passed: a scan is not run out."""

    def count(how_many):
        state["ops"] += how_many
        if state["ops"] > cap:
            raise TooManyOperations(f"more than {cap} counted operations")

    class CountedValue(int):
        """An int whose comparisons for equality and whose hashes are counted."""

        def __eq__(self, other):
            count(1)
            return int.__eq__(self, other)

        def __ne__(self, other):
            count(1)
            return int.__ne__(self, other)

        def __hash__(self):
            count(1)
            return int.__hash__(self)

    class CountedList(list):
        """A list that counts element reads (an index, a step of iteration, each element a
        slice or copy takes) and the elements that insert(i, x), pop(i), del and remove
        shift; append, pop() and item assignment are O(1) and free."""

        def __getitem__(self, key):
            item = list.__getitem__(self, key)
            count(len(item) if isinstance(key, slice) else 1)
            return item

        def __iter__(self):
            for item in list.__iter__(self):
                count(1)
                yield item

        def copy(self):
            return list(self)

        def insert(self, index, item):
            size = len(self)
            count(max(0, size - (index if index >= 0 else index + size)))
            list.insert(self, index, item)

        def pop(self, index=-1):
            size = len(self)
            count(max(0, size - 1 - (index if index >= 0 else index + size)))
            return list.pop(self, index)

        def __delitem__(self, key):
            size = len(self)
            if isinstance(key, slice):
                start = key.indices(size)[0]
                count(size - start)
            else:
                count(max(0, size - 1 - (key if key >= 0 else key + size)))
            list.__delitem__(self, key)

        def remove(self, item):
            self.pop(list.index(self, item))

    class CountedDict(dict):
        """A dict whose iteration counts the keys it visits; lookups are free (the hash of
        the value looked up is what counts)."""

        def __iter__(self):
            for key in dict.__iter__(self):
                count(1)
                yield key

    class CountedSet(set):
        """A set whose iteration counts the elements it visits."""

        def __iter__(self):
            for item in set.__iter__(self):
                count(1)
                yield item

    random.seed(seed)
    np.random.seed(seed % 2**32)
    randomized = ns["RandomizedSet"]()
    for name, value in list(getattr(randomized, "__dict__", {}).items()):
        counted = {list: CountedList, dict: CountedDict, set: CountedSet}.get(type(value))
        if counted is not None:
            setattr(randomized, name, counted(value))
    kinds = ("insert", "remove", "getRandom")
    per_kind = {kind: 0 for kind in kinds}
    calls = {kind: 0 for kind in kinds}
    results = []
    stopped = None
    for k, (code, value) in enumerate(zip(codes.tolist(), values.tolist(), strict=True)):
        kind = kinds[code]
        before = state["ops"]
        try:
            if code == 0:
                got = randomized.insert(CountedValue(value))
            elif code == 1:
                got = randomized.remove(CountedValue(value))
            else:
                got = randomized.getRandom()
        except TooManyOperations:
            per_kind[kind] += state["ops"] - before
            calls[kind] += 1
            stopped = [k, kind]
            break
        per_kind[kind] += state["ops"] - before
        calls[kind] += 1
        if isinstance(got, bool | np.bool_) or isinstance(got, int | np.integer):
            results.append(int(got) if abs(got) < 2**62 else 2**62)
        else:
            results.append(2**62)  # not a number: the trusted side reports it as wrong
    return {
        "results": np.array(results, dtype=np.int64),
        "per_kind": per_kind,
        "calls": calls,
        "stopped": stopped,
        "total": state["ops"],
    }


def probe_get_random_memory(ns, values, calls, seed):
    """Runs in the worker. Inserts `values` (plain ints) into ns["RandomizedSet"](), then
    measures with tracemalloc the most memory one of `calls` getRandom calls allocates.
    Returns that peak and the values drawn."""
    import random
    import tracemalloc

    import numpy as np

    random.seed(seed)
    np.random.seed(seed % 2**32)
    randomized = ns["RandomizedSet"]()
    for value in values:
        randomized.insert(value)
    drawn, peak = [], 0
    tracemalloc.start()
    try:
        for _ in range(calls):
            tracemalloc.reset_peak()
            before = tracemalloc.get_traced_memory()[0]
            got = randomized.getRandom()
            peak = max(peak, tracemalloc.get_traced_memory()[1] - before)
            drawn.append(int(got) if isinstance(got, int | np.integer) else None)
    finally:
        tracemalloc.stop()
    return {"peak_bytes": peak, "drawn": drawn}


def probe_two_sets(ns, ops, seed):
    """Runs in the worker. Seeds `random` and NumPy's global generator, builds two instances
    of ns["RandomizedSet"] one after the other, then runs `ops` in order, each [which, name]
    or [which, name, value] with which 0 or 1 naming the instance. Returns what each call
    returned (bools and ints as they are, anything else as [type name, repr]) and the first
    exception (other than NotImplementedError) as [type name, message], stopping there."""
    import random

    import numpy as np

    random.seed(seed)
    np.random.seed(seed % 2**32)
    sets = [ns["RandomizedSet"](), ns["RandomizedSet"]()]
    results = []
    for which, name, *args in ops:
        try:
            got = getattr(sets[which], name)(*args)
        except NotImplementedError:
            raise
        except Exception as exc:
            return {"results": results, "error": [type(exc).__name__, str(exc)[:200]]}
        if isinstance(got, bool | np.bool_):
            results.append(bool(got))
        elif isinstance(got, int | np.integer) and abs(got) < 2**62:
            results.append(int(got))
        else:
            results.append([type(got).__name__, repr(got)[:60]])
    return {"results": results, "error": None}


# ---- running operations and checking them against a set ----------------------------------------


def _op_text(op: list) -> str:
    return f"{op[0]}({op[1]})" if op[0] != "getRandom" else "getRandom()"


def _run(student, ops: list, seed: int) -> dict:
    result = student.probe(probe_operations, for_function="RandomizedSet", ops=ops, seed=seed)
    if not isinstance(result, dict) or not isinstance(result.get("results"), list):
        raise AssertionError(f"{CLASS} could not be driven: got {describe(result)}")
    return result


def _history(ops: list, results: list, upto: int, width: int = 8) -> str:
    start = max(0, upto - width)
    steps = [f"{_op_text(ops[k])} -> {results[k]!r}" for k in range(start, upto)]
    return ("..., " if start else "") + ", ".join(steps) if steps else "(no earlier operations)"


def _count(m: int) -> str:
    return "1 value" if m == 1 else f"{m} values"


def _show_result(got: object) -> str:
    if isinstance(got, list):  # [type name, repr] from the probe
        return f"{got[1] if len(got) > 1 else '?'} (a {got[0] if got else '?'})"
    return repr(got)


def _replay(
    result: dict,
    ops: list,
    what: str,
    *,
    absent_hint: str = FALSY_HINT,
    present_hint: str = SWAP_HINT,
    types_only: bool = False,
) -> None:
    """Check each result against a plain set replaying the operations. A present value taken
    for absent gets `absent_hint`; anything else (an absent value taken for present, a
    getRandom outside the set, an exception) gets `present_hint`. With `types_only`, only
    check that insert / remove return bools and getRandom returns an int."""
    results = result["results"]
    members: set = set()
    for k, got in enumerate(results):
        op = ops[k]
        where = f"{what}, operation {k + 1} of {len(ops)}, {_op_text(op)}"
        earlier = _history(ops, results, k)
        if op[0] in ("insert", "remove"):
            if not isinstance(got, bool):
                raise AssertionError(
                    f"{where}: returned {_show_result(got)}, expected True or False (a bool). "
                    f"Earlier: {earlier}. Likely cause: a missing `return` on one path, or "
                    f"returning 1 / 0 or the value instead of True / False"
                )
            present = op[1] in members
            expected = not present if op[0] == "insert" else present
            if not types_only and got != expected:
                state = "present" if present else "absent"
                raise AssertionError(
                    f"{where}: returned {got}, expected {expected}: {op[1]} is {state} at this "
                    f"point. Earlier: {earlier}. {absent_hint if present else present_hint}"
                )
            if op[0] == "insert":
                members.add(op[1])
            else:
                members.discard(op[1])
        else:
            if isinstance(got, bool) or not isinstance(got, int):
                raise AssertionError(
                    f"{where}: returned {_show_result(got)}, expected an int, one of the values "
                    f"in the set. Earlier: {earlier}"
                )
            if not types_only and got not in members:
                shown = sorted(members)[:10]
                raise AssertionError(
                    f"{where}: returned {got}, which is not in the set (it holds "
                    f"{_count(len(members))}: {shown}{' ...' if len(members) > 10 else ''}). "
                    f"Earlier: {earlier}. {present_hint}"
                )
    error = result.get("error")
    if error is not None:
        k = len(results)
        kind, message, place = (list(error) + ["", "", ""])[:3]
        cause = present_hint
        if ops[k][0] == "getRandom" and kind in ("IndexError", "ValueError"):
            cause = f"Likely cause: {OFF_BY_ONE_HINT}"
        raise AssertionError(
            f"{what}, operation {k + 1} of {len(ops)}, {_op_text(ops[k])}: raised {kind}: "
            f"{message} ({place}) with {_count(len(members))} in the set. Earlier: "
            f"{_history(ops, results, k)}. {cause}"
        )


# ---- shapes ----------------------------------------------------------------------------------


def test_insert_and_remove_return_bools_and_get_random_an_int(student):
    ops = [["insert", 1], ["insert", 1], ["insert", 2], ["remove", 1], ["remove", 1]]
    ops += [["getRandom"]] * 20 + [["insert", -3]] + [["getRandom"]] * 20
    _replay(_run(student, ops, seed=0), ops, CLASS, types_only=True)


# ---- correctness -----------------------------------------------------------------------------


def _random_sequence(seed: int, length: int, pool: int) -> list:
    """Inserts and removes of values from a small pool (so values come back, and removes of
    absent values and inserts of present ones happen often), with getRandom only while the
    set is not empty (LeetCode's promise)."""
    rng = np.random.default_rng(seed)
    members: set = set()
    ops = []
    while len(ops) < length:
        kind = rng.choice(["insert", "remove", "getRandom"], p=[0.4, 0.4, 0.2])
        if kind == "getRandom":
            if members:
                ops.append(["getRandom"])
            continue
        value = int(rng.integers(-pool // 2, pool - pool // 2))
        ops.append([str(kind), value])
        if kind == "insert":
            members.add(value)
        else:
            members.discard(value)
    return ops


def test_return_values_match_a_set_over_a_random_sequence(student):
    for seed, (length, pool) in enumerate(((300, 8), (600, 24)), start=1):
        ops = _random_sequence(seed, length, pool)
        what = f"{CLASS} over {length} random operations on values from a pool of {pool}"
        _replay(_run(student, ops, seed=seed), ops, what)


def test_get_random_is_uniform_by_chi_square(student):
    """14 values left after inserts and removes that move values around, then 14,000
    getRandom calls, chi-square at 1e-6: a correct getRandom fails this test with probability
    below 1e-6."""
    ops = [["insert", v] for v in range(20)]
    ops += [["remove", v] for v in (3, 4, 5, 6, 7, 12, 13)]  # a run and a pair, none of them last
    ops += [["insert", v] for v in (40, 41, 42)]
    ops += [["remove", v] for v in (0, 19, 41)]  # the first, a moved one, a new one
    members = sorted(set(range(20)) - {3, 4, 5, 6, 7, 12, 13, 0, 19} | {40, 42})
    draws = 1000 * len(members)
    ops += [["getRandom"]] * draws
    result = _run(student, ops, seed=5)
    what = f"`getRandom()` with {len(members)} values in the set"
    _replay(result, ops, f"{CLASS} (getRandom over {len(members)} values)")
    drawn = result["results"][len(ops) - draws :]
    seen = collections.Counter(drawn)
    expect_counts_fit(
        [seen[v] for v in members],
        [1 / len(members)] * len(members),
        what,
        "Each value in the set must come up with probability 1 / m. Pick a uniform position "
        "among the stored values (random.choice(values)), not a slot that may be empty and "
        "then its nearest live neighbour: the value after a run of removed slots gets the "
        "whole run's share",
        labels=[f"value {v}" for v in members],
        false_failure=FALSE_FAILURE,
    )


def test_get_random_returns_a_member_not_its_position(student):
    stored = (1000, -50, 77, 12345)  # far from the positions 0 .. 3
    ops = [["insert", v] for v in stored] + [["getRandom"]] * 40
    hint = (
        "Likely cause: getRandom returns the random POSITION (random.randrange(len(values))) "
        "instead of the value stored there: return self.values[i], or random.choice(values)"
    )
    what = f"{CLASS} holding {', '.join(map(str, stored))}"
    _replay(_run(student, ops, seed=14), ops, what, present_hint=hint)


def test_inserting_a_present_value_adds_no_second_copy(student):
    ops = [["insert", 5], ["insert", 1], ["insert", 5], ["insert", 5], ["remove", 5]]
    ops += [["getRandom"]] * 40 + [["remove", 5], ["insert", 5], ["remove", 1]]
    ops += [["getRandom"]] * 10  # 5 is never the last value when it is removed
    hint = (
        "Likely cause: insert(val) of a present value still appends it (and moves its index) "
        "before returning False, so the list holds val twice and remove(val) takes out one "
        "copy only: return False before touching the list, `if val in self.index: return "
        "False`"
    )
    what = f"{CLASS} after insert(5) of a 5 already in the set, then remove(5)"
    _replay(_run(student, ops, seed=15), ops, what, present_hint=hint)


def test_get_random_leaves_the_value_in_the_set(student):
    """Exact: whatever getRandom draws, every value must still be in the set afterwards."""
    stored = (10, 20, 30)
    ops = [["insert", v] for v in stored] + [["getRandom"]]
    ops += [["insert", v] for v in stored] + [["getRandom"], ["getRandom"]]  # False each
    ops += [["remove", v] for v in stored] + [["remove", v] for v in stored]  # True, False
    ops += [["insert", 4]] + [["getRandom"]] * 3 + [["insert", 4], ["remove", 4]]
    hint = (
        "Likely cause: getRandom takes the value it returns OUT of the set (set.pop(), "
        "values.pop(i), or a call to remove): a draw must leave the set as it was, the same "
        "m values. Pick a random position and return the value there, random.choice(values)"
    )
    what = f"{CLASS} holding {', '.join(map(str, stored))}, after getRandom()"
    result = _run(student, ops, seed=19)
    members: set = set()
    drawn: set = set()
    for op, got in zip(ops, result["results"], strict=False):  # which slip comes first
        if op[0] == "getRandom":
            drawn.add(got if isinstance(got, int) else None)
            continue
        present = op[1] in members
        if got is not (not present if op[0] == "insert" else present):
            if not (present and op[1] in drawn):
                hint = FALSY_HINT  # a present value that getRandom never returned
            break
        if op[0] == "insert":
            members.add(op[1])
        else:
            members.discard(op[1])
    _replay(result, ops, what, absent_hint=hint)


def _two_sets_expected(ops: list) -> list:
    """What each operation of probe_two_sets must return, from two Python sets: a bool for
    insert and remove, and for getRandom the sorted members it may return."""
    members: list[set] = [set(), set()]
    expected = []
    for which, name, *args in ops:
        if name == "insert":
            expected.append(args[0] not in members[which])
            members[which].add(args[0])
        elif name == "remove":
            expected.append(args[0] in members[which])
            members[which].discard(args[0])
        else:
            expected.append(sorted(members[which]))
    return expected


def test_two_sets_do_not_share_their_values(student):
    ops = [[0, "insert", 1], [1, "insert", 1], [1, "insert", 2], [1, "insert", 3]]
    ops += [[0, "getRandom"]] * 20 + [[0, "remove", 2], [1, "remove", 1], [0, "remove", 1]]
    ops += [[0, "insert", 9], [1, "getRandom"], [1, "getRandom"], [0, "getRandom"]]
    result = student.probe(probe_two_sets, for_function="RandomizedSet", ops=ops, seed=16)
    if not isinstance(result, dict) or not isinstance(result.get("results"), list):
        raise AssertionError(f"{CLASS} could not be driven: got {describe(result)}")
    hint = (
        "Likely cause: the list and the dict are created at class level (`values = []` in "
        "the class body), so every RandomizedSet shares them. Create them in __init__: "
        "self.values = [] and self.index = {}"
    )
    names = ("A", "B")
    results = result["results"]
    for k, (want, got) in enumerate(zip(_two_sets_expected(ops), results, strict=False)):
        which, name, *args = ops[k]
        call = f"{names[which]}.{name}({', '.join(map(str, args))})"
        where = (
            f"Two RandomizedSets A and B built one after the other, operation {k + 1} of "
            f"{len(ops)}, {call}"
        )
        if isinstance(want, list):
            if got not in want:
                raise AssertionError(
                    f"{where}: returned {_show_result(got)}, expected one of {names[which]}'s "
                    f"own values {want}. {hint}"
                )
        elif got is not want:
            raise AssertionError(f"{where}: returned {_show_result(got)}, expected {want}. {hint}")
    error = result.get("error")
    if error is not None:
        which, name, *args = ops[len(results)]
        kind, message = (list(error) + ["", ""])[:2]
        raise AssertionError(
            f"Two RandomizedSets A and B, operation {len(results) + 1} of {len(ops)}, "
            f"{names[which]}.{name}({', '.join(map(str, args))}): raised {kind}: {message}. "
            f"{hint}"
        )


# ---- stability -------------------------------------------------------------------------------


def test_removing_the_value_stored_last_swaps_it_with_itself(student):
    ops = [["insert", 1], ["insert", 2], ["remove", 2], ["insert", 2], ["remove", 2]]
    ops += [["remove", 2], ["getRandom"], ["getRandom"], ["remove", 1], ["remove", 1]]
    ops += [["insert", 5], ["remove", 5], ["insert", 5]] + [["getRandom"]] * 20
    ops += [["remove", 5], ["insert", 5], ["remove", 5], ["remove", 5]]
    what = f"{CLASS} removing the value stored last (and the only value)"
    hint = (
        "When val is the last value, the swap with the last is a swap with itself: delete "
        "val's index entry AFTER writing index[last] = i (or handle that case first), and pop "
        "the list. Deleting first and writing index[last] = i afterwards puts val back"
    )
    _replay(_run(student, ops, seed=6), ops, what, present_hint=hint)


def test_the_value_at_position_0_counts_as_present(student):
    ops = [["insert", 7], ["insert", 7], ["remove", 7], ["remove", 7], ["insert", 0]]
    ops += [["insert", -5], ["insert", 0], ["insert", -5], ["getRandom"], ["remove", 0]]
    ops += [["insert", -5], ["remove", -5], ["remove", -5]]
    ops += [["insert", -(2**31)], ["insert", 2**31 - 1], ["insert", -(2**31)], ["getRandom"]]
    ops += [["remove", -(2**31)], ["remove", 2**31 - 1], ["insert", 2**31 - 1]]
    what = f"{CLASS} with values at position 0, the value 0, and -2**31 .. 2**31 - 1"
    _replay(_run(student, ops, seed=7), ops, what)


def test_the_value_at_position_0_can_be_drawn(student):
    """7 alone, then 7 and 8: with two values, 7 (at position 0) misses all 60 draws with
    probability 2**-60 < 1e-18 for a correct getRandom."""
    ops = [["insert", 7]] + [["getRandom"]] * 3 + [["insert", 8]] + [["getRandom"]] * 60
    ops += [["remove", 7]] + [["getRandom"]] * 3  # 8 moves to position 0
    what = f"{CLASS} drawing from 7 alone, then from 7 and 8"
    result = _run(student, ops, seed=17)
    _replay(result, ops, what)
    drawn = result["results"][5:65]
    if 7 not in drawn:
        raise AssertionError(
            f"{what}: 60 getRandom() calls with 7 at position 0 and 8 at position 1 never "
            f"returned 7, expected each about 30 times (a correct getRandom misses 7 in all "
            f"60 with probability 2**-60). Likely cause: {OFF_BY_ONE_HINT}"
        )


def test_a_moved_value_can_be_removed_next(student):
    ops = [["insert", v] for v in (1, 2, 3, 4)]
    ops += [["remove", 1], ["remove", 4], ["remove", 3]]  # 4 moves to 0, then 3 moves to 0
    ops += [["getRandom"]] * 5 + [["insert", 3], ["insert", 4], ["remove", 2], ["remove", 4]]
    ops += [["remove", 3], ["remove", 3], ["insert", 1]] + [["getRandom"]] * 5
    hint = (
        "Likely cause: remove(val) moves the last value into val's slot but leaves that value's "
        "index as it was (index[last] = i is missing), so removing the moved value next reads "
        "a position that lies past the end or holds another value"
    )
    what = f"{CLASS} removing values right after they were moved into a freed slot"
    _replay(_run(student, ops, seed=18), ops, what, present_hint=hint)


# ---- complexity ------------------------------------------------------------------------------


def _complexity_operations() -> tuple[np.ndarray, np.ndarray, list[int]]:
    """(codes, values, expected results): n inserts of distinct values, then a shuffled mix of
    removes of present values, removes of absent ones, inserts of present ones, inserts of
    new ones and COUNT_GET_RANDOM getRandom calls. Expected results: 1 / 0 for the bools, -1
    where getRandom's answer is only checked for membership."""
    rng = np.random.default_rng(8)
    pool = rng.permutation(np.unique(rng.integers(-(2**31), 2**31, size=3 * COUNT_N)))
    stored, fresh = pool[:COUNT_N], pool[COUNT_N : 2 * COUNT_N]
    quarter = (COUNT_MIXED - COUNT_GET_RANDOM) // 4
    removed = rng.permutation(stored)[:quarter]  # each removed once, while present
    kept = np.setdiff1d(stored, removed)
    mixed = [(1, int(v), 1) for v in removed]
    mixed += [(1, int(v), 0) for v in fresh[:quarter]]  # never inserted
    mixed += [(0, int(v), 0) for v in rng.choice(kept, size=quarter)]  # present all along
    mixed += [(0, int(v), 1) for v in fresh[quarter : 2 * quarter]]  # new values
    mixed += [(2, 0, -1)] * COUNT_GET_RANDOM
    order = rng.permutation(len(mixed))
    operations = [(0, int(v), 1) for v in stored] + [mixed[i] for i in order]
    codes = np.array([c for c, _, _ in operations], dtype=np.int8)
    values = np.array([v for _, v, _ in operations], dtype=np.int64)
    return codes, values, [e for _, _, e in operations]


SCAN_CAUSES = {
    "insert": (
        "insert(val) scans the stored values (`val in self.values` on a list, or "
        "self.values.index(val)): keep a dict value -> position and test `val in self.index`"
    ),
    "remove": (
        "remove(val) scans or shifts the list (self.values.remove(val), .index(val), del or "
        "pop(i) in the middle shifts every later value): move the last value into val's slot, "
        "update its index, and pop the last slot"
    ),
    "getRandom": (
        "getRandom() goes through the whole set (random.choice(list(self.values)), "
        "tuple(...), or a walk to the k-th element): keep the values in a list and pick a "
        "random position"
    ),
}


def test_each_operation_is_amortised_constant_not_a_scan(student):
    _run(student, [["insert", 3], ["getRandom"], ["remove", 3]], seed=9)  # names a missing one
    codes, values, expected = _complexity_operations()
    cap = OPS_PER_OPERATION * len(codes)
    report = student.probe(
        probe_counted_operations,
        for_function="RandomizedSet",
        codes=codes,
        values=values,
        seed=10,
        cap=cap,
    )
    if not isinstance(report, dict) or not isinstance(report.get("per_kind"), dict):
        raise AssertionError(f"{CLASS} could not be run with counted values: {describe(report)}")
    per_kind, calls, stopped = report["per_kind"], report["calls"], report["stopped"]
    total = sum(v for v in per_kind.values() if isinstance(v, int))
    if stopped is not None or total > cap:
        averages = {
            kind: per_kind[kind] / calls[kind] for kind in per_kind if calls.get(kind, 0) > 0
        }
        worst = max(averages, key=averages.get) if averages else "insert"
        where = f"in operation {stopped[0] + 1:,} ({stopped[1]})" if stopped else "at the end"
        shown = ", ".join(f"{kind} {avg:,.0f} per call" for kind, avg in averages.items())
        raise AssertionError(
            f"{CLASS} with n = {COUNT_N:,} values inserted, then {COUNT_MIXED:,} mixed "
            f"operations: more than {cap:,} counted comparisons, hashes, reads and shifts "
            f"(stopped {where}), expected amortised O(1), at most {OPS_PER_OPERATION} per "
            f"operation on average; a scan of the stored values costs about n / 2 = "
            f"{COUNT_N // 2:,}. So far: {shown}. Likely cause: {SCAN_CAUSES[worst]}"
        )
    results = report.get("results")
    if not isinstance(results, np.ndarray) or len(results) != len(expected):
        raise AssertionError(f"{CLASS} could not be run with counted values: {describe(results)}")
    members: set = set()
    kinds = ("insert", "remove", "getRandom")
    for k, (code, value, want) in enumerate(
        zip(codes.tolist(), values.tolist(), expected, strict=True)
    ):
        got = int(results[k])
        if code == 2:
            ok = got in members
        else:
            ok = got == want
            if code == 0:
                members.add(value)
            else:
                members.discard(value)
        if not ok:
            shown = f"{kinds[code]}({value})" if code != 2 else "getRandom()"
            raise AssertionError(
                f"{CLASS} with n = {COUNT_N:,} values: operation {k + 1:,}, {shown}, returned "
                f"{got}, expected {'a value in the set' if code == 2 else bool(want)}. The "
                f"count is only judged on right answers: see the correctness tests. {SWAP_HINT}"
            )


def test_get_random_allocates_nothing_of_size_n(student):
    _run(student, [["insert", 3], ["getRandom"]], seed=11)  # names a missing method
    values = [int(v) for v in np.random.default_rng(12).permutation(10 * MEMORY_N)[:MEMORY_N]]
    report = student.probe(
        probe_get_random_memory,
        for_function="RandomizedSet",
        values=values,
        calls=MEMORY_CALLS,
        seed=13,
    )
    peak = report.get("peak_bytes") if isinstance(report, dict) else None
    if not isinstance(peak, int) or peak > MEMORY_BYTES_PER_CALL:
        shown = f"{peak / 1024:.1f} KB" if isinstance(peak, int) else describe(peak)
        raise AssertionError(
            f"`getRandom()` with n = {MEMORY_N:,} values in the set allocated {shown} in one "
            f"call, expected O(1) memory, at most {MEMORY_BYTES_PER_CALL / 1024:.0f} KB; a "
            f"list of n values takes {8 * MEMORY_N / 1024:.0f} KB. Likely cause: a copy per "
            f"call, random.choice(list(self.values)) or tuple(self.values) on a set or dict, "
            f"or np.random.choice(self.values), which converts the list into an array at every "
            f"call. Keep the values in a list and pick a random position of it"
        )
    drawn = report.get("drawn")
    stored = set(values)
    if not isinstance(drawn, list) or any(v not in stored for v in drawn):
        raise AssertionError(f"`getRandom()` returned a value that is not in the set: {drawn}")
