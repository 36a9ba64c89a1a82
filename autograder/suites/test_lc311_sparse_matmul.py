"""Grading suite for lc311_sparse_matmul (LeetCode 311, sparse matrix multiplication).

The student writes `multiply(A, B)`: A is an m x k and B a k x n matrix, both dense lists of
lists of numbers, mostly zeros; the result C = A B is an m x n list of lists. Letters: m, k, n
as above; nnz(A) and nnz(B) the non-zero entries of A and B.

Every expected value is computed in this file from the definition, never from a solution:
    C[i][j] = sum over p in range(k) of A[i][p] * B[p][j]
exactly (Python ints) for int entries, with math.fsum (correctly rounded) for floats.
Complexity is counted, not timed: a probe passes matrices whose entries are counted ints (an int
subclass): every multiplication with an entry, and every comparison or truth test of one
(x != 0, if x:, x > 0), is counted, and the call is stopped at a cap. Products come back as
plain numbers, so adding them up costs nothing and hides nothing. Each test is named for the
gotcha it catches. Categories and points live in grading.yml.
"""

import math

import numpy as np

from autograder.checks import describe

NAME = "`multiply(A, B)`"

# Each entry of C is a sum of at most k products: any order of summation is within
# k * 2**-53 * sum|A[i][p] B[p][j]| of the exact sum, so 1e-10 times that sum accepts every
# honest float computation.
FLOAT_RTOL = 1e-10

# The counted product: A is 96 x 128 with 120 non-zeros, B is 128 x 160 with 200 non-zeros
# (about 1 %), so m != k != n. Skipping the zeros of A multiplies each non-zero A[i][p] with
# the n entries of row p of B: nnz(A) n = 19,200 multiplications, exactly (skipping the zeros
# of B instead: nnz(B) m = 19,200 too); skipping both multiplies only the 199 pairs that are
# both non-zero. Allowed: twice the one-sided skip, 2 max(nnz(A) n, nnz(B) m) = 38,400. The
# triple loop multiplies m k n = 1,966,080 times: 51 times the bound.
COUNT_M, COUNT_K, COUNT_N = 96, 128, 160
COUNT_NNZ_A, COUNT_NNZ_B = 120, 200
MULTIPLICATIONS_PER_ONE_SIDED_SKIP = 2
# Tests of an entry (x != 0, if x:): reading each entry of A and B once to find its non-zeros
# is m k + k n = 32,768 tests, and testing B's entries again for each non-zero of A adds at
# most nnz(A) n. Allowed: 2 (m k + k n) + 2 max(nnz(A) n, nnz(B) m) = 103,936. A triple loop
# that tests A[i][p] (or B[p][j]) before each multiplication tests m k n = 1,966,080 times:
# 19 times the bound.
TESTS_PER_ENTRY = 2
# No right solution of this drill draws random numbers, so every count is a fixed function of
# the input: measured, skipping the zeros of A takes 19,200 multiplications and 12,288 tests,
# compressing both matrices 199 and 32,768.


# ---- data and exact oracles -------------------------------------------------------------------


def _values(rng: np.random.Generator, count: int, kind: str) -> list:
    """Non-zero values of both signs: small ints (exact sums) or floats over six decades."""
    if kind == "int":
        signs = rng.choice([-1, 1], size=count)
        return [int(v) for v in rng.integers(1, 10, size=count) * signs]
    return [float(v) for v in rng.normal(size=count) * 10.0 ** rng.uniform(-3, 3, size=count)]


def _sparse(rng: np.random.Generator, rows: int, cols: int, nnz: int, kind="int") -> list:
    """A rows x cols list of lists with exactly `nnz` non-zeros at random places."""
    zero = 0 if kind == "int" else 0.0
    matrix = [[zero] * cols for _ in range(rows)]
    places = rng.choice(rows * cols, size=nnz, replace=False)
    for place, value in zip(places, _values(rng, nnz, kind), strict=True):
        matrix[int(place) // cols][int(place) % cols] = value
    return matrix


def _product(A: list, B: list) -> tuple[list, list | None]:
    """(C, scale) from the definition, C[i][j] = sum_p A[i][p] B[p][j].

    Int entries: exact. When every |product| is below 2**62 / k, no partial sum can leave int64,
    so NumPy's int64 matmul (a well-kept library, here in the trusted process) is exact and
    fast; otherwise every sum is taken with Python ints. scale is None: ints are compared
    exactly. Float entries: each C[i][j] correctly rounded with math.fsum over its k products,
    and scale[i][j] = sum_p |A[i][p] B[p][j]| for the tolerance."""
    m, k, n = len(A), len(B), len(B[0])
    if all(isinstance(x, int) for matrix in (A, B) for row in matrix for x in row):
        largest_a = max(abs(x) for row in A for x in row)
        largest_b = max(abs(x) for row in B for x in row)
        if largest_a * largest_b * k < 2**62:
            return (np.array(A, dtype=np.int64) @ np.array(B, dtype=np.int64)).tolist(), None
        sums = [[sum(A[i][p] * B[p][j] for p in range(k)) for j in range(n)] for i in range(m)]
        return sums, None
    C, scale = [], []
    for i in range(m):
        terms = [[A[i][p] * B[p][j] for p in range(k)] for j in range(n)]
        C.append([math.fsum(t) for t in terms])
        scale.append([math.fsum(abs(x) for x in t) for t in terms])
    return C, scale


def _nnz(matrix: list) -> int:
    return sum(1 for row in matrix for x in row if x != 0)


def _sizes(A: list, B: list) -> str:
    m, k, n = len(A), len(B), len(B[0])
    return f"A {m} x {k} ({_nnz(A)} non-zeros) times B {k} x {n} ({_nnz(B)} non-zeros)"


# ---- recognising the usual slips, for the messages --------------------------------------------


def _last_product_only(A: list, B: list) -> list:
    """C[i][j] set (not added to) by each product, as `C[i][j] = a * b` does."""
    m, k, n = len(A), len(B), len(B[0])
    C = [[0] * n for _ in range(m)]
    for i in range(m):
        for p in range(k):
            if A[i][p] != 0:
                for j in range(n):
                    if B[p][j] != 0:
                        C[i][j] = A[i][p] * B[p][j]
    return C


def _one_shared_row(A: list, B: list) -> list:
    """What `C = [[0] * n] * m` gives: m references to ONE row, which collects every product."""
    C, _ = _product(A, B)
    shared = [sum(column) for column in zip(*C, strict=True)]
    return [list(shared) for _ in C]


def _slips(A: list, B: list) -> list[tuple[list, str]]:
    return [
        (
            _last_product_only(A, B),
            "each product overwrites C[i][j] (`C[i][j] = a * b`) instead of adding to it: C[i][j] "
            "is a SUM over p of A[i][p] * B[p][j]; use +=",
        ),
        (
            _one_shared_row(A, B),
            "every row of C is the same list: `[[0] * n] * m` repeats one row m times, so each "
            "product lands in all rows. Build the rows separately: [[0] * n for _ in range(m)]",
        ),
    ]


def _likely_cause(got: list, A: list, B: list) -> str:
    expected, _ = _product(A, B)
    causes = {cause for result, cause in _slips(A, B) if result != expected and got == result}
    return f"Likely cause: {causes.pop()}" if len(causes) == 1 else ""


# ---- checking one returned matrix -------------------------------------------------------------


def _expect_shape(got: object, A: list, B: list, what: str) -> list:
    """`got` is a list of m rows, each a list (or tuple) of n numbers; return it as lists."""
    m, k, n = len(A), len(B), len(B[0])
    if got is None:
        raise AssertionError(
            f"{what} is None, expected an {m} x {n} list of lists: is a `return` missing?"
        )
    if not isinstance(got, list | tuple):
        raise AssertionError(
            f"{what} is {describe(got)}, expected an {m} x {n} list of lists (one list per row of A)"
        )
    shape_hint = ""
    lengths = [len(row) if isinstance(row, list | tuple) else None for row in got]
    if len(got) == n and all(length == m for length in lengths) and m != n:
        shape_hint = (
            " (the axes look swapped: C has one row per row of A and one column per column of B)"
        )
    elif len(got) < m:
        shape_hint = (
            ". Likely cause: rows of A without non-zeros were skipped, and with them their rows "
            "of C; every row of A gives a row of C, all zeros if need be"
        )
    if len(got) != m:
        raise AssertionError(f"{what} has {len(got)} rows, expected m = len(A) = {m}{shape_hint}")
    for i, (row, length) in enumerate(zip(got, lengths, strict=True)):
        if length is None:
            raise AssertionError(
                f"{what}: row {i} is {describe(row)}, expected a list of n = {n} numbers"
            )
        if length != n:
            cause = ""
            if length == k:
                cause = (
                    ". Likely cause: the number of columns was taken from len(B), which is k (the "
                    "rows of B); C has len(B[0]) columns"
                )
            raise AssertionError(
                f"{what}: row {i} has {length} entries, expected n = len(B[0]) = {n}{cause}"
            )
        for j, x in enumerate(row):
            if isinstance(x, bool) or not isinstance(x, int | float):
                raise AssertionError(
                    f"{what}: C[{i}][{j}] is {describe(x)}, expected a number (int or float)"
                )
    return [list(row) for row in got]


def _expect_product(got: object, A: list, B: list, what: str, hint: str = "") -> None:
    """`got` is the m x n product A B: exactly for int entries (Python compares int and float
    exactly, so 6.0 passes for 6 but a float that rounded a sum above 2**53 does not), within
    FLOAT_RTOL times sum_p |A[i][p] B[p][j]| for float entries."""
    C = _expect_shape(got, A, B, what)
    expected, scale = _product(A, B)
    bad = []
    for i, (row, want_row) in enumerate(zip(C, expected, strict=True)):
        for j, (x, want) in enumerate(zip(row, want_row, strict=True)):
            close = x == want if scale is None else abs(x - want) <= FLOAT_RTOL * scale[i][j]
            if not close or (isinstance(x, float) and not math.isfinite(x)):
                bad.append((i, j, x, want))
    if not bad:
        return
    i, j, x, want = bad[0]
    cause = _likely_cause(C, A, B) or hint
    message = (
        f"{what}: C[{i}][{j}] is {x!r}, expected {want!r} "
        f"(sum over p of A[{i}][p] * B[p][{j}]); {len(bad)} of {len(C) * len(C[0])} entries are off"
    )
    raise AssertionError(f"{message}. {cause}" if cause else message)


# ---- shapes -----------------------------------------------------------------------------------


def test_returns_m_by_n_list_of_lists(student):
    rng = np.random.default_rng(0)
    # (m, k, n) all different, so a swapped or a len(B) count shows; no all-zero row in A.
    for m, k, n in [(3, 5, 2), (2, 3, 4), (1, 4, 1), (4, 1, 3)]:
        A = [[int(x) for x in row] for row in rng.integers(1, 6, size=(m, k))]
        B = _sparse(rng, k, n, max(1, (k * n) // 2))
        _expect_shape(student.multiply(A, B), A, B, f"{NAME} for {_sizes(A, B)}")


def test_columns_of_c_are_len_b0_not_len_b(student):
    # k = len(B) differs from n = len(B[0]) both ways: more rows of B than columns, and fewer.
    for A, B in [
        ([[1, 0, 2]], [[1, 0], [0, 1], [2, 2]]),  # 1 x 3 times 3 x 2: C is 1 x 2
        ([[3, 0], [0, 1]], [[1, 0, 0, 2], [0, 5, 0, 0]]),  # 2 x 2 times 2 x 4: C is 2 x 4
    ]:
        _expect_shape(student.multiply(A, B), A, B, f"{NAME} for A = {A}, B = {B}")


# ---- correctness ------------------------------------------------------------------------------


def test_matches_exact_product_on_random_sparse_matrices(student):
    rng = np.random.default_rng(1)
    # (m, k, n, nnz(A), nnz(B)): shapes from 1 x 1 to 50 x 40 times 40 x 60, densities 2-50 %.
    cases = [(1, 1, 1, 1, 1), (4, 6, 3, 8, 9), (20, 30, 25, 60, 90), (50, 40, 60, 40, 48)]
    pairs = [(_sparse(rng, m, k, a), _sparse(rng, k, n, b)) for m, k, n, a, b in cases]
    pairs.append((_sparse(rng, 12, 15, 30, "float"), _sparse(rng, 15, 9, 25, "float")))
    for A, B in pairs:
        kind = "float" if isinstance(A[0][0], float) else "int"
        _expect_product(student.multiply(A, B), A, B, f"{NAME} for {_sizes(A, B)}, {kind} entries")


def test_each_entry_adds_every_product_not_the_last(student):
    A = [[1, 2, 0, 3], [0, 4, 5, 0]]
    B = [[2, 0], [1, 3], [0, 1], [4, -1]]  # C = [[16, 3], [4, 17]]: several p per entry
    hint = "C[i][j] is a sum over p: add each product to it (+=), several p meet at one entry"
    _expect_product(student.multiply(A, B), A, B, f"{NAME} for A = {A}, B = {B}", hint)


def test_rows_of_c_are_separate_lists(student):
    A = [[1, 0], [0, 2], [3, 0]]
    B = [[1, 0, 2], [0, 5, 0]]  # C = [[1, 0, 2], [0, 10, 0], [3, 0, 6]]: three different rows
    hint = (
        "Each row of C is its own list: `[[0] * n] * m` is m references to one row, so every "
        "product lands in all rows; build them with [[0] * n for _ in range(m)]"
    )
    _expect_product(student.multiply(A, B), A, B, f"{NAME} for A = {A}, B = {B}", hint)


def test_negative_entries_are_non_zeros_too(student):
    A = [[-2, 0, 3], [0, -1, 0]]
    B = [[-1, 4], [2, 0], [0, -5]]  # C = [[2, -23], [-2, 0]]
    hint = (
        "A negative entry is a non-zero as much as a positive one: skip an entry when it is 0 "
        "(`if a != 0`, or `if a:`), not when it is not positive (`if a > 0`)"
    )
    _expect_product(student.multiply(A, B), A, B, f"{NAME} for A = {A}, B = {B}", hint)


def test_tiny_float_entries_are_not_treated_as_zero(student):
    A = [[1e-12, 0.0], [0.0, 2.5e-8]]
    B = [[1e-12, 3.0], [0.0, -4e-7]]  # C = [[1e-24, 3e-12], [0.0, -1e-14]]
    hint = (
        "An entry is zero only when it equals 0: tiny floats such as 1e-12 are non-zeros and "
        "their products count. Likely cause: a tolerance test such as `abs(a) > 1e-9` used to "
        "find the non-zeros; test `a != 0`"
    )
    _expect_product(student.multiply(A, B), A, B, f"{NAME} for A = {A}, B = {B}", hint)


def test_inputs_are_not_modified(student):
    rng = np.random.default_rng(2)
    A, B = _sparse(rng, 8, 10, 16), _sparse(rng, 10, 6, 15)
    _, after = student.call_seeing_inputs("multiply", A, B)
    for name, before, now in zip(("A", "B"), (A, B), after, strict=True):
        if now == before:
            continue
        detail = f"it is now {describe(now)}"
        if isinstance(now, list) and len(now) == len(before):
            i = next(i for i, (x, y) in enumerate(zip(now, before, strict=True)) if x != y)
            detail = f"row {i} was {before[i]} and is now {now[i]!r}"
        raise AssertionError(
            f"{NAME} changed its `{name}` argument: {detail}. The caller's matrices must stay as "
            f"they were. Likely cause: a row replaced by its non-zeros (A[i] = [...] or a dict), "
            f"or entries zeroed while walking; build the compressed rows in new lists instead"
        )


# ---- stability --------------------------------------------------------------------------------


def test_all_zero_row_of_a_gives_a_zero_row_of_c(student):
    cases = [
        ([[0, 2, 0], [0, 0, 0], [1, 0, -3]], [[4, 0], [0, 0], [5, -1]]),  # row 1 of A is 0
        ([[0, 0, 0], [1, 0, 2]], [[1, 1], [2, 2], [3, 3]]),  # row 0 of A is 0
        ([[0, 1, 0, 2]], [[1, 0], [0, 3], [2, 0], [0, 4]]),  # one query row (1 x k): [[0, 11]]
    ]
    hint = (
        "A row of A with no non-zeros still gives a row of C, all zeros: C always has m rows, "
        "one per row of A, in order"
    )
    for A, B in cases:
        _expect_product(student.multiply(A, B), A, B, f"{NAME} for A = {A}, B = {B}", hint)


def test_zero_matrix_gives_m_by_n_zeros_not_an_empty_list(student):
    cases = [
        ([[0, 0, 0, 0]] * 3, [[1, 2], [3, 4], [5, 6], [7, 8]]),  # A = 0: C is 3 x 2 of zeros
        ([[1, 2], [3, 4]], [[0, 0, 0], [0, 0, 0]]),  # B = 0: C is 2 x 3 of zeros
        ([[0]], [[5]]),  # 1 x 1: [[0]]
    ]
    hint = (
        "A zero matrix (A or B) gives an m x n matrix of zeros, not an empty list: every entry "
        "of C is there, zeros included"
    )
    for A, B in cases:
        _expect_product(student.multiply(A, B), A, B, f"{NAME} for A = {A}, B = {B}", hint)


def test_k_1_gives_the_outer_product(student):
    cases = [
        ([[2], [0], [-1]], [[3, 0, 1]]),  # a column times a row: 3 x 3
        ([[3]], [[-4]]),  # 1 x 1: [[-12]]
        ([[1], [2]], [[5, 6, 7, 8]]),  # 2 x 4
    ]
    hint = (
        "With k = 1, C = A B is the outer product of A's column and B's row: m x n = "
        "len(A) x len(B[0]) entries, each A[i][0] * B[0][j]"
    )
    for A, B in cases:
        _expect_product(student.multiply(A, B), A, B, f"{NAME} for A = {A}, B = {B}", hint)


def probe_multiply_as_text(ns, A, B):
    """Runs in the worker: multiply(A, B) with every entry of C sent back as its type name and
    its text, since ints beyond 2**63 do not cross as numbers."""
    C = ns["multiply"](A, B)
    if not isinstance(C, list | tuple):
        return {"not_a_list": type(C).__name__}
    return {
        "rows": [
            [[type(x).__name__, repr(x)] for x in row] if isinstance(row, list | tuple) else None
            for row in C
        ]
    }


def _numbers_from_text(reply: object, what: str) -> list:
    """The matrix probe_multiply_as_text describes, with ints and floats rebuilt from their
    text; anything else is reported here, in the student's terms."""
    if not isinstance(reply, dict):
        raise AssertionError(f"{what} could not be read back: got {describe(reply)}")
    if "not_a_list" in reply:
        raise AssertionError(f"{what} is a {reply['not_a_list']}, expected a list of lists")
    rows = reply.get("rows")
    if not isinstance(rows, list):
        raise AssertionError(f"{what} could not be read back: got {describe(reply)}")
    C = []
    for i, row in enumerate(rows):
        if not isinstance(row, list):
            raise AssertionError(f"{what}: row {i} is not a list")
        values = []
        for j, cell in enumerate(row):
            kind, text = cell if isinstance(cell, list) and len(cell) == 2 else ("?", "")
            if kind not in ("int", "float"):
                raise AssertionError(f"{what}: C[{i}][{j}] is a {kind}, expected an int")
            values.append(int(text) if kind == "int" else float(text))
        C.append(values)
    return C


def test_huge_entries_are_exact_ints(student):
    big = 10**12 + 1
    A = [[big, 0, -big], [0, 3 * big, 0]]
    B = [[big, 0], [0, -big], [big - 2, 7]]
    # C[0][0] = big**2 - big * (big - 2) = 2 * big, from two products of about 10**24 that
    # nearly cancel: in floats each product is rounded to a multiple of 2**27 (about 1.3e8), so
    # a float sum gives 1999978364928.0 instead of 2000000000002.
    hint = (
        "The entries are ints, and their products (about 10**24) are far beyond 2**53, where "
        "floats stop being exact. Likely cause: C was started as floats ([[0.0] * n ...]) or an "
        "entry went through float(); keep ints, start C with 0"
    )
    what = f"{NAME} for A = {A}, B = {B}"
    got = student.probe(probe_multiply_as_text, for_function="multiply", A=A, B=B)
    _expect_product(_numbers_from_text(got, what), A, B, what, hint)


# ---- complexity -------------------------------------------------------------------------------


def probe_count_entry_operations(ns, A, B, max_multiplications, max_tests):
    """Runs in the worker. Calls ns["multiply"] on A and B (lists of lists) whose entries are
    counted ints: every multiplication with an entry, and every comparison or truth test of an
    entry, is counted; int(), float(), abs() and using an entry as an index are counted as
    conversions (what they return is no longer counted). The call is stopped as soon as a count
    goes over its cap. Returns plain data: C, the counts, what stopped the call."""
    counts = {"multiplications": 0, "tests": 0, "conversions": 0}
    stopped = [""]

    class TooMuchWork(BaseException):
        """Ends the student's call at the first multiplication or test over the cap."""

    def count(kind):
        counts[kind] += 1
        if kind == "multiplications" and counts[kind] > max_multiplications:
            stopped[0] = kind
            raise TooMuchWork(f"more than {max_multiplications} multiplications")
        if kind == "tests" and counts[kind] > max_tests:
            stopped[0] = kind
            raise TooMuchWork(f"more than {max_tests} tests of an entry")

    def plain(x):
        return int.__int__(x) if isinstance(x, Entry) else x

    class Entry(int):
        """An int that counts what is done with it. Arithmetic results are plain numbers."""

        __slots__ = ()
        __hash__ = int.__hash__

        def __mul__(self, other):
            count("multiplications")
            return int.__int__(self) * plain(other)

        def __rmul__(self, other):
            count("multiplications")
            return plain(other) * int.__int__(self)

        def __eq__(self, other):
            count("tests")
            return int.__int__(self) == plain(other)

        def __ne__(self, other):
            count("tests")
            return int.__int__(self) != plain(other)

        def __lt__(self, other):
            count("tests")
            return int.__int__(self) < plain(other)

        def __le__(self, other):
            count("tests")
            return int.__int__(self) <= plain(other)

        def __gt__(self, other):
            count("tests")
            return int.__int__(self) > plain(other)

        def __ge__(self, other):
            count("tests")
            return int.__int__(self) >= plain(other)

        def __bool__(self):
            count("tests")
            return int.__int__(self) != 0

        def __int__(self):
            count("conversions")
            return int.__int__(self)

        def __index__(self):
            count("conversions")
            return int.__int__(self)

        def __float__(self):
            count("conversions")
            return float(int.__int__(self))

        def __abs__(self):
            count("conversions")
            return abs(int.__int__(self))

    counted_A = [[Entry(x) for x in row] for row in A.tolist()]
    counted_B = [[Entry(x) for x in row] for row in B.tolist()]
    value = None
    try:
        value = ns["multiply"](counted_A, counted_B)
    except TooMuchWork:
        pass
    if isinstance(value, list):  # plain lists of plain numbers back, whatever came out
        value = [
            [int.__int__(x) if isinstance(x, Entry) else x for x in row]
            if isinstance(row, list | tuple)
            else row
            for row in value
        ]
    return {"value": value, "stopped": stopped[0], **counts}


def _counted(student) -> tuple[dict, list, list, int, int]:
    """The counted product of the complexity tests: (result, A, B, multiplications allowed,
    tests allowed), the result checked for shape (it came from the worker)."""
    # A plain call first, so that a missing or unfinished function is reported by its own name.
    tiny_A, tiny_B = [[1, 0], [0, 2]], [[0, 3], [4, 0]]
    _expect_product(
        student.multiply(tiny_A, tiny_B), tiny_A, tiny_B, f"{NAME} for A = {tiny_A}, B = {tiny_B}"
    )
    rng = np.random.default_rng(3)
    m, k, n = COUNT_M, COUNT_K, COUNT_N
    A, B = _sparse(rng, m, k, COUNT_NNZ_A), _sparse(rng, k, n, COUNT_NNZ_B)
    one_sided = max(COUNT_NNZ_A * n, COUNT_NNZ_B * m)  # skipping the zeros of A, or of B
    max_multiplications = MULTIPLICATIONS_PER_ONE_SIDED_SKIP * one_sided
    max_tests = TESTS_PER_ENTRY * (m * k + k * n) + 2 * one_sided
    result = student.probe(
        probe_count_entry_operations,
        for_function="multiply",
        A=np.array(A, dtype=np.int64),
        B=np.array(B, dtype=np.int64),
        max_multiplications=max_multiplications,
        max_tests=max_tests,
    )
    keys = {"value", "stopped", "multiplications", "tests", "conversions"}
    if not isinstance(result, dict) or set(result) != keys:
        raise AssertionError(f"{NAME} could not be counted: the probe returned {describe(result)}")
    return result, A, B, max_multiplications, max_tests


def _stopped_by_the_other_count(result: dict, this: str) -> None:
    """Both counts come from one call, stopped at the first bound it crosses; when that was the
    other count, this one was never measured to the end: say so, and which test to fix first."""
    other = {"multiplications": "tests", "tests": "multiplications"}[this]
    if result["stopped"] != other:
        return
    names = {
        "multiplications": ("multiplications", "test_multiplies_only_where_an_entry_is_non_zero"),
        "tests": ("tests of entries", "test_skips_zeros_without_testing_every_triple"),
    }
    words, test = names[other]
    raise AssertionError(
        f"{NAME} was stopped after {result[other]:,} {words}, over their bound (see {test}), "
        f"so its {names[this][0]} could not be counted to the end ({result[this]:,} by then). "
        f"The work of a sparse product follows the non-zeros: fix the {words} first"
    )


def _conversion_note(result: dict) -> str:
    if not result["conversions"]:
        return ""
    return (
        f" Your code also converted entries {result['conversions']:,} times (int(), float(), "
        f"abs() or an entry used as an index): what a conversion returns is not counted, so "
        f"multiply the entries as given"
    )


def test_multiplies_only_where_an_entry_is_non_zero(student):
    result, A, B, limit, _ = _counted(student)
    m, k, n = COUNT_M, COUNT_K, COUNT_N
    _stopped_by_the_other_count(result, "multiplications")
    done = result["multiplications"]
    if result["stopped"] == "multiplications" or done > limit:
        raise AssertionError(
            f"{NAME} multiplied more than {limit:,} times for {_sizes(A, B)} (stopped after "
            f"{done:,}): expected at most 2 max(nnz(A) n, nnz(B) m) = {limit:,}, twice the "
            f"work of skipping the zeros of A (or of B). The triple loop over i, p, j multiplies m k n = "
            f"{m * k * n:,} times, zeros included. Likely cause: A[i][p] * B[p][j] computed for "
            f"every p and j; test A[i][p] != 0 once, before the loop over j, or keep each row's "
            f"non-zeros as (index, value) pairs first.{_conversion_note(result)}"
        )
    _expect_product(result["value"], A, B, f"{NAME} for {_sizes(A, B)}")


def test_skips_zeros_without_testing_every_triple(student):
    result, A, B, _, limit = _counted(student)
    m, k, n = COUNT_M, COUNT_K, COUNT_N
    _stopped_by_the_other_count(result, "tests")
    done = result["tests"]
    if result["stopped"] == "tests" or done > limit:
        raise AssertionError(
            f"{NAME} compared or tested entries more than {limit:,} times for {_sizes(A, B)} "
            f"(stopped after {done:,}; {result['multiplications']:,} multiplications): expected "
            f"at most {TESTS_PER_ENTRY} (m k + k n) + 2 max(nnz(A) n, nnz(B) m) = {limit:,}. "
            f"Testing each entry of A and B once takes m k + k n = {m * k + k * n:,}; a test "
            f"such as `if A[i][p] and B[p][j]` inside the loops over i, p and j runs m k n = "
            f"{m * k * n:,} times: skipping the multiplication is not skipping the work. Likely "
            f"cause: the zero test sits in the innermost loop; test A[i][p] once per (i, p) and "
            f"loop over j only when it is non-zero.{_conversion_note(result)}"
        )
    _expect_product(result["value"], A, B, f"{NAME} for {_sizes(A, B)}")
