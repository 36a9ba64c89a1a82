"""Grading suite for p07_embedding_bag.

The student writes `embedding_bag(table, id_lists, mode="mean")` and the follow-up
`embedding_bag_offsets(table, ids, offsets, mode="mean")`.
Letters: V vocabulary size (rows of `table`), d embedding dim (columns), B bags, L_b the length
of bag b. `id_lists` is a list of B lists of Python ints in [0, V); a bag may be empty.
`ids` is a flat int64 array; `offsets` holds B int64 starts: offsets[0] = 0, non-decreasing,
bag b is ids[offsets[b]:offsets[b + 1]] and the last bag runs to the end of `ids`.

The oracle is torch.nn.EmbeddingBag (mode "mean" or "sum", float64 weights copied from the same
table, the bags passed as flat ids plus offsets), built here in the trusted process. It pools
every occurrence of an id, and gives a row of zeros for an empty bag in both modes.
Each test is named for the gotcha it catches. Categories and points live in grading.yml.
"""

import numpy as np
import torch

from autograder.checks import assert_close, describe, expect_array, expect_finite

BAG = "`embedding_bag`"
OFFSETS_BAG = "`embedding_bag_offsets`"
ROWS_NOTE = "one row per bag (B) and one column per embedding dimension (d)"

# Sums of at most a dozen float64 rows agree with torch to ~1e-15 in any order of summation.
RTOL, ATOL = 1e-10, 1e-12


# ---- the oracle: torch.nn.EmbeddingBag in float64 ---------------------------------------------


def _torch_bag(table: np.ndarray, ids: np.ndarray, offsets: np.ndarray, mode: str) -> np.ndarray:
    """torch.nn.EmbeddingBag over the flat `ids` cut at `offsets` (B starts, last runs to end)."""
    weights = torch.from_numpy(np.array(table, dtype=np.float64))  # (V, d), a copy
    bag = torch.nn.EmbeddingBag.from_pretrained(weights, freeze=True, mode=mode)
    with torch.no_grad():
        out = bag(
            torch.from_numpy(np.asarray(ids, dtype=np.int64)),
            torch.from_numpy(np.asarray(offsets, dtype=np.int64)),
        )
    return out.numpy()  # (B, d)


def _flatten(id_lists: list[list[int]]) -> tuple[np.ndarray, np.ndarray]:
    """Flat ids and the B offsets where each bag starts, as nn.EmbeddingBag takes them."""
    flat = np.array([i for ids in id_lists for i in ids], dtype=np.int64)  # (sum L_b,)
    lengths = [len(ids) for ids in id_lists]
    offsets = np.concatenate([[0], np.cumsum(lengths)[:-1]]).astype(np.int64)  # (B,)
    return flat, offsets


def _split(ids: np.ndarray, offsets: np.ndarray) -> list[list[int]]:
    """The bags as lists: bag b is ids[offsets[b]:offsets[b + 1]], the last runs to the end."""
    ends = [*offsets[1:], len(ids)]
    return [[int(i) for i in ids[start:end]] for start, end in zip(offsets, ends, strict=True)]


def _oracle(table: np.ndarray, id_lists: list[list[int]], mode: str) -> np.ndarray:
    flat, offsets = _flatten(id_lists)
    return _torch_bag(table, flat, offsets, mode)  # (B, d)


# ---- small helpers ---------------------------------------------------------------------------


def _random_bags(rng, vocab: int, lengths: list[int]) -> list[list[int]]:
    """One bag per length, distinct ids within a bag, as Python ints."""
    return [[int(i) for i in rng.choice(vocab, size=n, replace=False)] for n in lengths]


def _sums_divided_by(table: np.ndarray, id_lists: list[list[int]], divisor: int) -> np.ndarray:
    """What a shared-length mistake computes: every bag's sum divided by the same `divisor`."""
    out = np.zeros((len(id_lists), table.shape[1]))  # (B, d)
    for b, ids in enumerate(id_lists):
        if ids:
            out[b] = table[ids].sum(axis=0) / divisor  # (d,)
    return out


ZERO_AS_PADDING = (
    "id 0 was left out as if it were padding: 0 is a real id (row 0 of the table). If you pad "
    "the bags to a rectangle, mask by position (j < L_b), not by id != 0"
)
ONLY_ONE_ROW = (
    "only one id of each bag was pooled. `out[bag_of_id] += table[ids]` is buffered: when a "
    "bag index repeats, only one of its rows lands; np.add.at(out, bag_of_id, table[ids]) adds "
    "them all. In a loop, `total = table[i]` instead of `total = total + table[i]` does the same"
)


def _only_one_id(table: np.ndarray, id_lists: list[list[int]], mode: str, k: int) -> np.ndarray:
    """What pooling only the k-th id of each bag gives (a buffered `+=`, an `=` for a `+=`)."""
    out = np.zeros((len(id_lists), table.shape[1]))  # (B, d)
    for b, ids in enumerate(id_lists):
        if ids:
            out[b] = table[ids[k]] / (len(ids) if mode == "mean" else 1)  # (d,)
    return out


def _likely_cause(got: np.ndarray, table: np.ndarray, id_lists: list[list[int]], mode: str) -> str:
    """Name the mistake whose output `got` matches, computed here from the same inputs."""
    other = "sum" if mode == "mean" else "mean"
    lengths = [len(ids) for ids in id_lists]
    deduped = [sorted(set(ids)) for ids in id_lists]
    candidates = [
        (
            _oracle(table, id_lists, other),
            f"you returned the {other} although mode={mode!r} was asked: the `mode` argument is "
            f"ignored or tested the wrong way round",
        ),
        (
            _oracle(table, deduped, mode),
            "each id was counted once per bag: a repeated id must count every time it appears "
            "(set(ids) or np.unique drops the repeats)",
        ),
    ]
    if any(0 in ids for ids in id_lists):
        candidates.append(
            (
                _oracle(table, [[i for i in ids if i != 0] for ids in id_lists], mode),
                ZERO_AS_PADDING,
            )
        )
    if any(len(ids) > 1 for ids in id_lists):
        candidates.append((_only_one_id(table, id_lists, mode, -1), ONLY_ONE_ROW))
    if mode == "mean" and len(set(lengths)) > 1:
        candidates.append(
            (
                _sums_divided_by(table, id_lists, max(lengths)),
                "every bag was divided by the longest bag's length (padding?): divide each "
                "bag by its own length L_b",
            )
        )
        if lengths[0] > 0:
            candidates.append(
                (
                    _sums_divided_by(table, id_lists, lengths[0]),
                    "every bag was divided by the first bag's length: divide each bag by its "
                    "own length L_b",
                )
            )
    for candidate, cause in candidates:
        if candidate.shape == got.shape and np.allclose(got, candidate, rtol=RTOL, atol=ATOL):
            return f"Likely cause: {cause}"
    if mode == "mean":
        return "Row b must be the mean of table[i] over the ids i of bag b, repeats included"
    return "Row b must be the sum of table[i] over the ids i of bag b, repeats included"


def _check_bag(got: object, table, id_lists, mode: str, what: str) -> None:
    """Shape, dtype, finiteness, then values against the torch oracle."""
    B, d = len(id_lists), table.shape[1]
    out = expect_array(got, what, shape=(B, d), dtype="float64", shape_note=ROWS_NOTE)
    expect_finite(out, what, "Only ordinary values go in, so nothing should be inf or nan")
    expected = _oracle(table, id_lists, mode)  # torch.nn.EmbeddingBag, float64
    assert_close(out, expected, RTOL, ATOL, what, hint=_likely_cause(out, table, id_lists, mode))


def _same_id_lists(now: object, before: list[list[int]]) -> bool:
    if not isinstance(now, list) or len(now) != len(before):
        return False
    for bag_now, bag_before in zip(now, before, strict=True):
        if not isinstance(bag_now, list) or len(bag_now) != len(bag_before):
            return False
        if any(type(i) is not int or i != j for i, j in zip(bag_now, bag_before, strict=True)):
            return False
    return True


def _same_array(now: object, before: np.ndarray) -> bool:
    return (
        isinstance(now, np.ndarray)
        and now.dtype == before.dtype
        and now.shape == before.shape
        and now.tobytes() == before.tobytes()  # bit for bit
    )


def _offsets_rows_hint(got: object, bags: int) -> str:
    if isinstance(got, np.ndarray) and got.ndim == 2 and got.shape[0] == bags - 1:
        return (
            f"{bags - 1} rows for {bags} offsets: offsets holds one START per bag (B entries, "
            f"not B + 1 boundaries); the last bag runs from offsets[-1] to len(ids)"
        )
    if isinstance(got, np.ndarray) and got.ndim == 2 and got.shape[0] == bags + 1:
        return (
            f"{bags + 1} rows for {bags} offsets: np.split(ids, offsets) also makes the empty "
            f"piece before offsets[0] = 0; split at offsets[1:] instead"
        )
    return ""


def _check_offsets(got: object, table, ids, offsets, mode: str, what: str, hint: str) -> None:
    """Shape, dtype, finiteness, then values against nn.EmbeddingBag on the same ids, offsets."""
    bags, dim = len(offsets), table.shape[1]
    note = _offsets_rows_hint(got, bags) or ROWS_NOTE
    out = expect_array(got, what, shape=(bags, dim), dtype="float64", shape_note=note)
    expect_finite(
        out,
        what,
        "An empty bag (offsets[b] == offsets[b + 1], or offsets[-1] == len(ids)) pools zero "
        "rows: its row must be zeros, not a 0/0 mean",
    )
    expected = _torch_bag(table, ids, offsets, mode)  # nn.EmbeddingBag, float64
    cause = _likely_cause(out, table, _split(ids, offsets), mode)
    assert_close(out, expected, RTOL, ATOL, what, hint=cause if "Likely" in cause else hint)


def _changed_input(function: str, mode: str, name: str, before: object, now: object) -> str:
    """The start of the message for an argument `function` changed in place."""
    detail = ""
    if isinstance(before, list):
        detail = f": it was {before!r}, it is now {now!r}"
    elif isinstance(now, np.ndarray) and now.shape == before.shape:
        changed = np.argwhere(now != before)
        if len(changed):
            at = tuple(int(i) for i in changed[0])
            index = ", ".join(map(str, at))
            detail = f": {name}[{index}] was {before[at]:.10g}, is now {now[at]:.10g}"
    return f"`{function}` (mode={mode!r}) changed its `{name}` argument in place{detail}"


TABLE_VIEW = (
    "`total = table[ids[0]]` is a VIEW of a row of the table (basic indexing), so "
    "`total += table[i]` writes into the table; start from np.zeros(d) or take "
    "table[ids].sum(axis=0)"
)


# ---- shapes ----------------------------------------------------------------------------------

# (V, d, B), never two equal, plus a single bag and d > V.
SIZES = [(9, 4, 6), (20, 7, 3), (5, 12, 1)]


def test_returns_float64_array_of_shape_bags_by_dim(student):
    rng = np.random.default_rng(0)
    for vocab, dim, bags in SIZES:
        table = rng.normal(size=(vocab, dim))  # (V, d)
        id_lists = _random_bags(rng, vocab, list(rng.integers(1, 5, size=bags)))
        for mode in ("mean", "sum"):
            expect_array(
                student.embedding_bag(table, id_lists, mode=mode),
                f"{BAG} with mode={mode!r} for V = {vocab}, d = {dim}, B = {bags}",
                shape=(bags, dim),
                dtype="float64",
                shape_note=ROWS_NOTE,
            )


def test_offsets_version_returns_bags_by_dim(student):
    rng = np.random.default_rng(1)
    for vocab, dim, bags in SIZES:
        table = rng.normal(size=(vocab, dim))  # (V, d)
        lengths = rng.integers(1, 5, size=bags)  # (B,)
        ids = rng.integers(0, vocab, size=int(lengths.sum()))  # (sum L_b,) int64
        offsets = np.concatenate([[0], np.cumsum(lengths)[:-1]]).astype(np.int64)  # (B,)
        for mode in ("mean", "sum"):
            got = student.embedding_bag_offsets(table, ids, offsets, mode=mode)
            note = _offsets_rows_hint(got, bags) or ROWS_NOTE
            expect_array(
                got,
                f"{OFFSETS_BAG} with mode={mode!r} for V = {vocab}, d = {dim}, "
                f"offsets = {offsets.tolist()}",
                shape=(bags, dim),
                dtype="float64",
                shape_note=note,
            )


# ---- correctness -----------------------------------------------------------------------------


def test_mean_matches_torch_embedding_bag(student):
    rng = np.random.default_rng(2)
    table = rng.normal(size=(30, 6))  # (V, d)
    id_lists = _random_bags(rng, 30, [3, 1, 5, 2, 4, 6, 2])  # B = 7, no repeats within a bag
    got = student.embedding_bag(table, id_lists, mode="mean")
    _check_bag(got, table, id_lists, "mean", f"{BAG} with mode='mean' (V = 30, d = 6, B = 7)")


def test_sum_matches_torch_embedding_bag(student):
    rng = np.random.default_rng(3)
    table = rng.normal(size=(25, 5))  # (V, d)
    id_lists = _random_bags(rng, 25, [2, 4, 1, 3, 5, 2])  # B = 6, no repeats within a bag
    got = student.embedding_bag(table, id_lists, mode="sum")
    _check_bag(got, table, id_lists, "sum", f"{BAG} with mode='sum' (V = 25, d = 5, B = 6)")


def test_mode_argument_is_used(student):
    rng = np.random.default_rng(4)
    table = rng.normal(size=(12, 4))  # (V, d)
    id_lists = [[1, 5, 7], [3, 11], [2, 4, 6, 8]]  # every bag has L_b >= 2: mean != sum
    for mode in ("sum", "mean"):
        got = student.embedding_bag(table, id_lists, mode=mode)
        _check_bag(got, table, id_lists, mode, f"{BAG} with mode={mode!r}")


def test_mode_defaults_to_mean(student):
    rng = np.random.default_rng(12)
    table = rng.normal(size=(10, 3))  # (V, d)
    id_lists = [[4, 9], [1, 2, 8], [6, 3]]  # every bag has L_b >= 2: mean != sum
    what = f"{BAG} called without `mode`, bags {id_lists}"
    got = student.embedding_bag(table, id_lists)
    out = expect_array(got, what, shape=(3, 3), dtype="float64", shape_note=ROWS_NOTE)
    expected = _oracle(table, id_lists, "mean")  # nn.EmbeddingBag's default is mode="mean" too
    hint = 'Called without `mode`, embedding_bag must average: the default is mode="mean"'
    if np.allclose(out, _oracle(table, id_lists, "sum"), rtol=RTOL, atol=ATOL):
        hint = (
            "Called without `mode`, you returned the sums: the signature is "
            'embedding_bag(table, id_lists, mode="mean"), the mean is the default'
        )
    assert_close(out, expected, RTOL, ATOL, what, hint=hint)


def test_repeated_id_counts_once_per_occurrence(student):
    rng = np.random.default_rng(5)
    table = rng.normal(size=(8, 3))  # (V, d)
    # A user who follows the same thing twice weighs it twice, as nn.EmbeddingBag does.
    id_lists = [[2, 2, 5], [4, 4, 4, 4], [1, 3, 1], [6]]
    for mode in ("mean", "sum"):
        got = student.embedding_bag(table, id_lists, mode=mode)
        _check_bag(got, table, id_lists, mode, f"{BAG} with mode={mode!r}, bags {id_lists}")


def test_ragged_bags_of_python_ints_each_use_their_own_length(student):
    rng = np.random.default_rng(6)
    table = rng.normal(size=(40, 5))  # (V, d)
    lengths = [1, 6, 2, 9, 3]  # B = 5 bags of different lengths, plain Python lists
    id_lists = _random_bags(rng, 40, lengths)
    got = student.embedding_bag(table, id_lists, mode="mean")
    _check_bag(
        got, table, id_lists, "mean", f"{BAG} with mode='mean' for bags of lengths {lengths}"
    )


def test_id_zero_counts_like_any_other_id(student):
    rng = np.random.default_rng(13)
    table = rng.normal(size=(6, 4))  # (V, d)
    # Id 0 is row 0 of the table, not padding: alone, twice, and beside other ids.
    id_lists = [[0], [0, 3], [2, 0, 0], [5, 1]]
    for mode in ("mean", "sum"):
        got = student.embedding_bag(table, id_lists, mode=mode)
        _check_bag(got, table, id_lists, mode, f"{BAG} with mode={mode!r}, bags {id_lists}")


def test_every_id_of_a_bag_is_added_not_only_one(student):
    rng = np.random.default_rng(14)
    table = rng.normal(size=(20, 5))  # (V, d)
    id_lists = _random_bags(rng, 20, [2, 3, 4, 2])  # distinct ids, every bag has L_b >= 2
    what = f"{BAG} with mode='sum', bags {id_lists}"
    got = student.embedding_bag(table, id_lists, mode="sum")
    out = expect_array(got, what, shape=(4, 5), dtype="float64", shape_note=ROWS_NOTE)
    expected = _oracle(table, id_lists, "sum")  # nn.EmbeddingBag, float64
    hint = "Row b must be the sum of table[i] over every id i of bag b"
    for k in (0, -1):  # a buffered `+=` keeps one row per bag, which one is NumPy's business
        if np.allclose(out, _only_one_id(table, id_lists, "sum", k), rtol=RTOL, atol=ATOL):
            hint = f"Row b is table[ids[{k}]] alone: {ONLY_ONE_ROW}"
    assert_close(out, expected, RTOL, ATOL, what, hint=hint)


def test_mean_divides_by_the_exact_length_without_an_epsilon(student):
    rng = np.random.default_rng(15)
    table = rng.uniform(1.0, 2.0, size=(15, 4))  # (V, d) positive: every sum is >= L_b
    lengths = [1, 2, 3, 5]
    id_lists = _random_bags(rng, 15, lengths)  # no empty bag: nothing to guard against
    what = f"{BAG} with mode='mean' for bags of lengths {lengths}"
    got = student.embedding_bag(table, id_lists, mode="mean")
    out = expect_array(got, what, shape=(4, 4), dtype="float64", shape_note=ROWS_NOTE)
    expect_finite(out, what, "Only ordinary values go in, so nothing should be inf or nan")
    expected = _oracle(table, id_lists, "mean")  # nn.EmbeddingBag: sum / L_b, nothing added
    hint = _likely_cause(out, table, id_lists, "mean")
    sums = _oracle(table, id_lists, "sum")  # (B, d)
    with np.errstate(divide="ignore", invalid="ignore"):
        divisors = (sums / out).mean(axis=1)  # (B,) what each bag was divided by
    excess = divisors - np.array(lengths)  # (B,)
    if np.all(np.isfinite(excess)) and np.all(excess > 0) and np.ptp(excess) < 1e-3 * excess[0]:
        hint = (
            f"Every bag was divided by L_b + {excess.mean():.1g}: an epsilon in the divisor "
            f"makes every mean slightly too small. Divide by L_b itself and skip the empty bags "
            f"(or divide by max(L_b, 1)), so 0/0 never happens"
        )
    assert_close(out, expected, RTOL, ATOL, what, hint=hint)


def test_table_is_not_modified(student):
    rng = np.random.default_rng(7)
    table = rng.normal(size=(10, 4))  # (V, d)
    id_lists = [[3, 1, 3], [0], [9, 2, 7, 2], [5, 4]]  # bags of several ids: a += has work
    for mode in ("sum", "mean"):
        _, after = student.call_seeing_inputs("embedding_bag", table, id_lists, mode)
        if not _same_array(after[0], table):
            start = _changed_input("embedding_bag", mode, "table", table, after[0])
            raise AssertionError(
                f"{start}. The caller's table must stay as it was. Likely cause: {TABLE_VIEW}"
            )


def test_bag_ids_are_not_modified(student):
    rng = np.random.default_rng(16)
    table = rng.normal(size=(10, 4))  # (V, d)
    id_lists = [[3, 1, 3], [], [9, 2, 7, 2], [5]]  # unsorted, with repeats, ragged
    for mode in ("sum", "mean"):
        _, after = student.call_seeing_inputs("embedding_bag", table, id_lists, mode)
        if not _same_id_lists(after[1], id_lists):
            start = _changed_input("embedding_bag", mode, "id_lists", id_lists, after[1])
            raise AssertionError(
                f"{start}. The caller's lists must stay as they were. Likely cause: padding "
                f"the caller's lists in place (ids += [0] * (L_max - len(ids)), ids.extend), "
                f"sorting them (ids.sort()) or replacing them (id_lists[b] = ...); build new "
                f"lists instead, e.g. padded = [ids + [0] * (L_max - len(ids)) for ids in "
                f"id_lists]"
            )


def test_offsets_version_matches_torch_embedding_bag(student):
    rng = np.random.default_rng(8)
    table = rng.normal(size=(15, 4))  # (V, d)
    cases = [
        # bags: ids[0:2], ids[2:5], ids[5:9] (the last bag runs to the end), with repeats
        (np.array([4, 9, 9, 1, 14, 0, 7, 7, 7]), np.array([0, 2, 5])),
        # one bag holding every id
        (np.array([5, 6, 5, 8]), np.array([0])),
    ]
    for ids, offsets in cases:
        what = f"{OFFSETS_BAG} with mode='mean', ids {ids.tolist()}, offsets {offsets.tolist()}"
        got = student.embedding_bag_offsets(table, ids, offsets, mode="mean")
        hint = (
            "Bag b is ids[offsets[b]:offsets[b + 1]] and the last bag is ids[offsets[-1]:]: "
            "offsets are the bags' STARTS"
        )
        _check_offsets(got, table, ids, offsets, "mean", what, hint)


def test_offsets_version_uses_its_mode_argument(student):
    rng = np.random.default_rng(17)
    table = rng.normal(size=(12, 3))  # (V, d)
    ids = np.array([3, 8, 8, 1, 11, 6, 2])  # (N,)
    offsets = np.array([0, 2, 5])  # bags of 2, 3 and 2 ids: mean != sum
    calls = [
        ({"mode": "sum"}, "sum", f"{OFFSETS_BAG} with mode='sum'"),
        ({}, "mean", f"{OFFSETS_BAG} called without `mode` (the default is 'mean')"),
    ]
    for kwargs, mode, what in calls:
        got = student.embedding_bag_offsets(table, ids, offsets, **kwargs)
        hint = (
            'embedding_bag_offsets(table, ids, offsets, mode="mean") must use its own `mode`: '
            "pass it on, embedding_bag(table, id_lists, mode)"
        )
        _check_offsets(got, table, ids, offsets, mode, f"{what}, offsets {offsets.tolist()}", hint)


def test_offsets_version_empty_bag_between_offsets_gives_zeros(student):
    rng = np.random.default_rng(18)
    table = rng.normal(size=(15, 4))  # (V, d)
    ids = np.array([4, 9, 9, 1, 14, 0, 7])  # (N,)
    offsets = np.array([0, 0, 2, 2, 5])  # bags: [], ids[0:2], [], ids[2:5], ids[5:7]
    hint = (
        "Two equal neighbouring offsets make an empty bag, whose row is zeros: np.add.reduceat "
        "gives an empty bag the row of ids[offsets[b]] instead of 0"
    )
    for mode in ("mean", "sum"):
        what = f"{OFFSETS_BAG} with mode={mode!r}, ids {ids.tolist()}, offsets {offsets.tolist()}"
        got = student.embedding_bag_offsets(table, ids, offsets, mode=mode)
        _check_offsets(got, table, ids, offsets, mode, what, hint)


def test_offsets_version_last_offset_equal_to_n_makes_an_empty_last_bag(student):
    rng = np.random.default_rng(19)
    table = rng.normal(size=(15, 4))  # (V, d)
    ids = np.array([2, 2, 3, 10, 11, 12])  # (N,) = (6,)
    offsets = np.array([0, 3, 6, 6])  # bags: ids[0:3], ids[3:6], then two empty bags at N
    hint = (
        "offsets[b] == len(ids) is allowed: that bag, and every bag after it, is empty and "
        "gives zeros (np.add.reduceat fails on an offset equal to len(ids))"
    )
    for mode in ("mean", "sum"):
        what = f"{OFFSETS_BAG} with mode={mode!r}, ids {ids.tolist()}, offsets {offsets.tolist()}"
        got = student.embedding_bag_offsets(table, ids, offsets, mode=mode)
        _check_offsets(got, table, ids, offsets, mode, what, hint)


def test_offsets_version_with_no_ids_gives_zero_rows(student):
    table = np.random.default_rng(20).normal(size=(5, 3))  # (V, d)
    ids = np.zeros(0, dtype=np.int64)  # (N,) = (0,): every bag is empty
    offsets = np.array([0, 0, 0])  # B = 3
    for mode in ("mean", "sum"):
        what = f"{OFFSETS_BAG} with mode={mode!r}, ids [] (N = 0), offsets {offsets.tolist()}"
        got = student.embedding_bag_offsets(table, ids, offsets, mode=mode)
        note = _offsets_rows_hint(got, 3) or ROWS_NOTE
        out = expect_array(got, what, shape=(3, 3), dtype="float64", shape_note=note)
        expect_finite(out, what, "Every bag is empty, so every row must be zeros, not 0/0")
        # Closed form: no ids at all, so every pooled row is the zero vector.
        assert_close(
            out,
            np.zeros((3, 3)),
            0.0,
            0.0,
            what,
            hint=(
                "With N = 0 every bag is empty and the result is a (B, d) matrix of zeros; "
                "table[ids] of an empty int64 array is a (0, d) array, np.add.reduceat fails on it"
            ),
        )


def test_offsets_version_leaves_its_inputs_unchanged(student):
    rng = np.random.default_rng(21)
    table = rng.normal(size=(10, 4))  # (V, d)
    ids = np.array([3, 1, 3, 0, 9, 2, 7, 2, 5, 4])  # (N,) unsorted, with repeats
    offsets = np.array([0, 3, 4, 8])  # (B,)
    for mode in ("sum", "mean"):
        args = (table, ids, offsets, mode)
        _, after = student.call_seeing_inputs("embedding_bag_offsets", *args)
        for name, before, now in zip(("table", "ids", "offsets"), args, after, strict=False):
            if _same_array(now, before):
                continue
            start = _changed_input("embedding_bag_offsets", mode, name, before, now)
            cause = TABLE_VIEW if name == "table" else "ids.sort() or writing into offsets"
            raise AssertionError(
                f"{start}. The caller's arrays must stay as they were. Likely cause: {cause}"
            )


# ---- stability -------------------------------------------------------------------------------

EMPTY_BAGS = [[], [1, 4], [], [], [0, 3, 5], []]  # empty first, middle (twice) and last


def test_empty_bag_mean_gives_zeros_not_nan(student):
    table = np.random.default_rng(9).normal(size=(6, 3))  # (V, d)
    what = f"{BAG} with mode='mean', bags {EMPTY_BAGS}"
    got = student.embedding_bag(table, EMPTY_BAGS, mode="mean")
    out = expect_array(got, what, shape=(6, 3), dtype="float64", shape_note=ROWS_NOTE)
    expect_finite(
        out,
        what,
        "The mean of an empty bag is a sum of zero rows divided by 0 (0/0 = nan, with a "
        "'Mean of empty slice' warning): an empty bag must give a row of zeros; skip it "
        "and leave its row at 0",
    )
    expected = _oracle(table, EMPTY_BAGS, "mean")  # nn.EmbeddingBag: zeros for empty bags
    cause = _likely_cause(out, table, EMPTY_BAGS, "mean")
    hint = cause.replace(
        "Row b must be", "Empty bags give rows of zeros, and every other row must be"
    )
    assert_close(out, expected, RTOL, ATOL, what, hint=hint)


def test_empty_bag_sum_gives_zeros_not_a_neighbours_row(student):
    table = np.random.default_rng(9).normal(size=(6, 3))  # (V, d)
    what = f"{BAG} with mode='sum', bags {EMPTY_BAGS}"
    got = student.embedding_bag(table, EMPTY_BAGS, mode="sum")
    out = expect_array(got, what, shape=(6, 3), dtype="float64", shape_note=ROWS_NOTE)
    expect_finite(out, what, "A sum of no rows is the zero vector")
    expected = _oracle(table, EMPTY_BAGS, "sum")  # nn.EmbeddingBag: zeros for empty bags
    hint = _likely_cause(out, table, EMPTY_BAGS, "sum")
    if "Likely" not in hint:
        hint = (
            "An empty bag sums no rows: its row is zeros. np.add.reduceat gives an empty bag "
            "the row of the id at its offset, and fails when the last bags are empty"
        )
    assert_close(out, expected, RTOL, ATOL, what, hint=hint)


def test_all_bags_empty_gives_zero_matrix(student):
    table = np.random.default_rng(10).normal(size=(5, 4))  # (V, d)
    id_lists = [[], [], []]  # B = 3, not one id in all
    for mode in ("mean", "sum"):
        what = f"{BAG} with mode={mode!r} for bags {id_lists}"
        got = student.embedding_bag(table, id_lists, mode=mode)
        out = expect_array(got, what, shape=(3, 4), dtype="float64", shape_note=ROWS_NOTE)
        expect_finite(out, what, "Every bag is empty, so every row must be zeros, not 0/0")
        # Closed form: no ids at all, so every pooled row is the zero vector.
        assert_close(
            out,
            np.zeros((3, 4)),
            0.0,
            0.0,
            what,
            hint=(
                "With no ids at all the result is a (B, d) matrix of zeros. If you concatenate "
                "the bags, np.array([]) is float64 and cannot index the table: give it "
                "dtype=np.int64"
            ),
        )


# ---- complexity ------------------------------------------------------------------------------

# Pooling must be vectorised over d: a Python loop over bags (the seed's style) or over the ids of
# a bag is fine, a Python loop over the d embedding dimensions is not. We count Python-level
# steps instead of timing: the probe runs one call under sys.settrace and counts every "call"
# and "line" event (student code and NumPy's Python code alike). With the same bags, a call with
# d = D_LARGE and one with d = D_SMALL run the same Python steps when every step handles whole
# rows (ratio exactly 1 for every correct solution we know); a loop over dimensions adds steps
# per dimension (ratio ~ D_LARGE / D_SMALL = 128 when it does all the pooling, >= 15 even when
# it only copies the pooled row element by element). The limit sits far from both. Counting is
# deterministic, so load on the machine cannot move it.
COMPLEXITY_LENGTHS = [3, 1, 4, 2, 5, 3, 2, 4]  # B = 8 bags
COMPLEXITY_V, D_SMALL, D_LARGE = 50, 4, 512
STEP_RATIO_LIMIT = 3.0


def probe_count_python_steps(ns, table, id_lists, mode):
    """Run embedding_bag once to warm up, then once under sys.settrace counting events."""
    import sys

    embedding_bag = ns["embedding_bag"]
    embedding_bag(table, id_lists, mode=mode)  # warm-up: first-call imports are not pooling
    steps = 0

    def tracer(frame, event, arg):
        nonlocal steps
        steps += 1
        return tracer  # keep tracing the lines of every frame

    sys.settrace(tracer)
    try:
        out = embedding_bag(table, id_lists, mode=mode)
    finally:
        sys.settrace(None)
    return {"steps": steps, "out": out}


def test_pooling_has_no_python_loop_over_embedding_dims(student):
    rng = np.random.default_rng(11)
    id_lists = _random_bags(rng, COMPLEXITY_V, COMPLEXITY_LENGTHS)
    steps = {}
    for dim in (D_SMALL, D_LARGE):
        table = rng.normal(size=(COMPLEXITY_V, dim))  # (V, d)
        steps[dim] = 0
        for mode in ("mean", "sum"):
            result = student.probe(
                probe_count_python_steps,
                for_function="embedding_bag",
                table=table,
                id_lists=id_lists,
                mode=mode,
            )
            # The counted call must have done the pooling: check its output like any other.
            what = f"{BAG} with mode={mode!r}, d = {dim}, B = {len(id_lists)}"
            _check_bag(result["out"], table, id_lists, mode, what)
            count = result["steps"]
            if not isinstance(count, int) or count < 1:
                raise AssertionError(
                    f"{BAG} could not be traced (the step count came back as {describe(count)}): "
                    f"leave sys.settrace alone"
                )
            steps[dim] += count
    ratio = steps[D_LARGE] / steps[D_SMALL]
    assert ratio <= STEP_RATIO_LIMIT, (
        f"{BAG} ran {steps[D_LARGE]} Python steps (lines and calls, both modes) for d = {D_LARGE} "
        f"but {steps[D_SMALL]} for d = {D_SMALL}, with the same {len(id_lists)} bags: got "
        f"{ratio:.1f}x, expected about 1x (limit {STEP_RATIO_LIMIT:g}x; a loop over the "
        f"dimensions gives up to {D_LARGE // D_SMALL}x). Likely cause: a Python loop over the "
        f"embedding dimensions (for j in range(d), a comprehension over columns, "
        f"np.apply_along_axis). Pool whole rows at once: table[ids].sum(axis=0) is (d,) in one "
        f"NumPy call; a loop over bags, or over the ids of a bag, is fine"
    )
