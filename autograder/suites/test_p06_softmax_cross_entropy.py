"""Grading suite for p06_softmax_cross_entropy.

The student writes `softmax_rows(logits)` and `cross_entropy(logits, labels) -> (loss, grad)`.
Letters: B examples (rows of `logits`), C classes (columns); `labels` holds B ints in [0, C).

Every expected value is computed in this file, in float64, from the math, never from a solution:
    logsumexp(z) = m + log(sum_k exp(z_k - m)),  m = max_k z_k     (cannot overflow)
    log softmax(z)_j = z_j - logsumexp(z)
    loss = mean over rows of (logsumexp(z_i) - z_i[y_i])
    d loss / d z = (softmax(z) - onehot(y)) / B, checked against central differences
Each test is named for the gotcha it catches. Categories and points live in grading.yml.
The complexity test compares CPU time measured inside the worker (never wall-clock time), so
its verdict does not depend on how busy the machine is: a thread's CPU time grows only while it
runs, not while others have the core.
"""

import math

import numpy as np

from autograder.checks import (
    assert_close,
    central_differences,
    describe,
    expect_array,
    expect_finite,
    expect_inputs_unchanged,
    expect_scalar,
    min_cpu_seconds,
)

SOFTMAX = "`softmax_rows(logits)`"
LOSS = "the loss (first value returned by `cross_entropy`)"
GRAD = "the grad (second value returned by `cross_entropy`)"
ROWS_NOTE = "one row per example and one column per class, like `logits`"

# Non-square on purpose (C != B), plus a single example and many classes.
SHAPES = [(1, 5), (4, 7), (7, 4), (3, 1000)]

# Float64 reaches ~1e-15 on these values; 1e-9 leaves room for any order of summation.
RTOL, ATOL = 1e-9, 1e-12
# On ordinary inputs a `+ 1e-12` guard inside the log moves the loss by 1e-12 / p (~1e-8 here).
# That guard is judged by the stability tests, where it really breaks; every error the
# correctness tests look for moves the loss by O(1).
LOSS_RTOL = 1e-7


# ---- float64 oracles (the math above) --------------------------------------------------------


def _logsumexp_rows(z: np.ndarray) -> np.ndarray:
    """log(sum_k exp(z[i, k])) for each row, shifted by the row max so nothing overflows."""
    m = z.max(axis=1, keepdims=True)  # (B, 1)
    return (m + np.log(np.exp(z - m).sum(axis=1, keepdims=True)))[:, 0]  # (B,)


def _softmax_oracle(z: np.ndarray) -> np.ndarray:
    return np.exp(z - _logsumexp_rows(z)[:, None])  # (B, C)


def _loss_oracle(z: np.ndarray, labels: np.ndarray) -> float:
    rows = np.arange(len(labels))
    return float(np.mean(_logsumexp_rows(z) - z[rows, labels]))


def _log_probs(z: np.ndarray) -> np.ndarray:
    return z - _logsumexp_rows(z)[:, None]  # (B, C)


# ---- small helpers ---------------------------------------------------------------------------


def _split_pair(result: object) -> tuple[object, object]:
    """`cross_entropy` must return two things, loss then grad (a tuple or a list)."""
    if result is None:
        raise AssertionError(
            "`cross_entropy` returned None, expected a pair (loss, grad): is a `return` missing?"
        )
    if not isinstance(result, tuple | list) or len(result) != 2:
        raise AssertionError(
            f"`cross_entropy` returned {describe(result)}, expected a pair: `return loss, grad`"
        )
    return result[0], result[1]


def _near(a: float, b: float, rtol: float = 1e-6) -> bool:
    return abs(a - b) <= rtol * abs(b) + 1e-12


def _loss_hint(got: float, expected: float, batch: int, otherwise: str = "") -> str:
    """The likely cause of a wrong loss, from how it relates to the right one."""
    if batch > 1 and _near(got, batch * expected):
        return f"It is {batch} (= B) times too large: summed over the batch instead of averaging"
    if _near(got, -expected):
        return "The sign is flipped: the loss is -log p_label, a positive number"
    if _near(got, expected / math.log(10)) or _near(got, expected / math.log(2)):
        return "Use the natural log (np.log / math.log), not log10 or log2"
    return otherwise or "Loss = mean over the batch of -log softmax(logits)[i, labels[i]]"


# ---- shapes ----------------------------------------------------------------------------------


def test_softmax_returns_float64_array_of_shape_batch_by_classes(student):
    rng = np.random.default_rng(0)
    for shape in SHAPES:
        probs = student.softmax_rows(rng.normal(size=shape))
        expect_array(
            probs,
            f"{SOFTMAX} for a {shape} input",
            shape=shape,
            dtype="float64",
            shape_note=ROWS_NOTE,
        )


def test_cross_entropy_returns_loss_as_a_single_number(student):
    rng = np.random.default_rng(1)
    for batch, classes in SHAPES:
        logits = rng.normal(size=(batch, classes))
        labels = rng.integers(0, classes, size=batch)
        loss, _ = _split_pair(student.cross_entropy(logits, labels))
        expect_scalar(loss, f"{LOSS} for a {(batch, classes)} input")


def test_grad_has_the_shape_of_logits(student):
    rng = np.random.default_rng(2)
    for batch, classes in SHAPES:
        logits = rng.normal(size=(batch, classes))
        labels = rng.integers(0, classes, size=batch)
        _, grad = _split_pair(student.cross_entropy(logits, labels))
        expect_array(
            grad,
            f"{GRAD} for a {(batch, classes)} input",
            shape=(batch, classes),
            dtype="float64",
            shape_note="d loss / d logits has one entry per logit",
        )


# Integer logits are real numbers too, and the contract says float64 whatever the input dtype.
# Only the dtype is judged here: the values are the other tests' business.
INT_LOGITS = np.array([[2, 0, -1], [5, 5, 5]])  # (B, C) = (2, 3), dtype int64
INT_DTYPE_CAUSE = (
    "Likely cause: the result was made with np.zeros_like(logits) or np.empty_like(logits), "
    "which copy the integer dtype of the logits, so every value written into it is truncated "
    "to an integer (probabilities become 0). Make it with np.zeros(logits.shape), or start with "
    "`logits = np.asarray(logits, dtype=np.float64)`"
)


def _expect_float64_for_int_logits(value: object, what: str, note: str) -> None:
    """Shape, then dtype float64 with the likely cause (any dtype kind gets that far)."""
    out = expect_array(value, what, shape=(2, 3), dtype_kind=None, shape_note=note)
    if out.dtype != np.float64:
        raise AssertionError(f"{what} has dtype {out.dtype}, expected float64. {INT_DTYPE_CAUSE}")


def test_softmax_of_integer_logits_is_float64_not_truncated(student):
    what = f"{SOFTMAX} for integer logits {INT_LOGITS.tolist()}"
    _expect_float64_for_int_logits(student.softmax_rows(INT_LOGITS), what, ROWS_NOTE)


def test_grad_of_integer_logits_is_float64_not_truncated(student):
    labels = np.array([1, 2])
    _, grad_value = _split_pair(student.cross_entropy(INT_LOGITS, labels))
    what = f"{GRAD} for integer logits {INT_LOGITS.tolist()}"
    _expect_float64_for_int_logits(grad_value, what, "one entry per logit")


# ---- correctness -----------------------------------------------------------------------------


def test_softmax_matches_float64_oracle(student):
    logits = np.random.default_rng(3).normal(scale=3.0, size=(5, 8))
    probs = expect_array(student.softmax_rows(logits), SOFTMAX, shape=(5, 8), shape_note=ROWS_NOTE)
    expect_finite(probs, SOFTMAX, "for logits drawn from normal(scale=3)")
    # Oracle: exp(z - logsumexp(z)) per row, float64.
    assert_close(
        probs,
        _softmax_oracle(logits),
        RTOL,
        ATOL,
        f"{SOFTMAX} on a (5, 8) input",
        hint="softmax(z)[i, j] = exp(z[i, j]) / sum_k exp(z[i, k]), each row on its own",
    )


def test_softmax_normalises_each_row_not_each_column(student):
    logits = np.random.default_rng(4).normal(scale=3.0, size=(4, 7))
    probs = expect_array(student.softmax_rows(logits), SOFTMAX, shape=(4, 7), shape_note=ROWS_NOTE)
    expect_finite(probs, SOFTMAX, "for logits drawn from normal(scale=3)")
    # One distribution over the classes per example: every row sums to 1.
    row_sums = probs.sum(axis=1)  # (B,)
    if np.allclose(row_sums, 1.0, rtol=0.0, atol=1e-12):
        return
    if np.allclose(probs.sum(axis=0), 1.0, rtol=0.0, atol=1e-9):
        hint = (
            "Each column sums to 1 instead: you normalised over the batch axis (axis=0). "
            "Take the max and the sum over axis=1 (the classes), with keepdims=True"
        )
    elif math.isclose(float(probs.sum()), 1.0, rel_tol=1e-9):
        hint = "The whole matrix sums to 1: normalise each row by its own sum, not the total"
    else:
        hint = "Divide each row's exponentials by that row's sum (axis=1, keepdims=True)"
    assert_close(row_sums, np.ones(4), 0.0, 1e-12, f"row sums of {SOFTMAX}", hint=hint)


def test_loss_at_zero_logits_is_log_num_classes(student):
    logits = np.zeros((3, 10))
    labels = np.array([0, 4, 9])
    loss_value, _ = _split_pair(student.cross_entropy(logits, labels))
    loss = expect_scalar(loss_value, LOSS)
    expect_finite(loss, LOSS, "for all-zero logits")
    # Closed form: every class has p = 1/C, and -log(1/C) = log C.
    expected = math.log(10)
    assert_close(
        loss,
        expected,
        LOSS_RTOL,
        0.0,
        f"{LOSS} for all-zero logits, C = 10",
        hint=_loss_hint(loss, expected, 3),
    )


def test_loss_uses_each_rows_own_label(student):
    logits = np.random.default_rng(5).normal(scale=3.0, size=(5, 7))
    # Not arange(B), repeated, unsorted; all < B so that probs[labels] runs (silently wrong).
    labels = np.array([3, 0, 3, 4, 1])
    loss_value, _ = _split_pair(student.cross_entropy(logits, labels))
    loss = expect_scalar(loss_value, LOSS)
    expect_finite(loss, LOSS, "for logits drawn from normal(scale=3)")
    expected = _loss_oracle(logits, labels)  # logsumexp oracle
    if _near(loss, expected, LOSS_RTOL):
        return
    # What common indexing mistakes would give, so the message can name the one made.
    log_p = _log_probs(logits)  # (B, C)
    rows = np.arange(5)
    mistakes = [
        (
            -log_p[:, labels].mean(),
            "probs[:, labels] takes a (B, B) block: every row at every label",
        ),
        (
            -log_p[labels].mean(),
            "probs[labels] picks whole rows by label, not one class per row",
        ),
        (
            -log_p[labels, rows].mean(),
            "the indices are swapped: probs[labels, np.arange(B)]",
        ),
        (
            -log_p[rows, rows].mean(),
            "the labels are ignored (the diagonal, as if labels = arange(B))",
        ),
        (-log_p[:, 0].mean(), "the labels are ignored (class 0 used for every row)"),
    ]
    hint = _loss_hint(loss, expected, 5)
    for value, cause in mistakes:
        if _near(loss, value):
            hint = f"Likely cause: {cause}. Pick one entry per row: probs[np.arange(B), labels]"
            break
    assert_close(
        loss,
        expected,
        LOSS_RTOL,
        ATOL,
        f"{LOSS} with labels {labels.tolist()}",
        hint=hint,
    )


def test_loss_is_mean_over_batch_not_sum(student):
    rng = np.random.default_rng(6)
    logits = rng.normal(scale=3.0, size=(6, 4))
    labels = rng.integers(0, 4, size=6)
    loss_value, _ = _split_pair(student.cross_entropy(logits, labels))
    loss = expect_scalar(loss_value, LOSS)
    expect_finite(loss, LOSS, "for logits drawn from normal(scale=3)")
    expected = _loss_oracle(logits, labels)  # logsumexp oracle, mean over the 6 rows
    assert_close(
        loss,
        expected,
        LOSS_RTOL,
        ATOL,
        f"{LOSS} for B = 6",
        hint=_loss_hint(loss, expected, 6),
    )


def test_loss_adds_back_the_row_max_it_subtracts(student):
    rng = np.random.default_rng(11)
    # Rows far apart (offsets 0, 40, -25, 7) so that each row's max m_b is far from 0.
    logits = rng.normal(size=(4, 5)) + np.array([[0.0], [40.0], [-25.0], [7.0]])  # (B, C)
    labels = np.array([2, 0, 4, 1])
    loss_value, _ = _split_pair(student.cross_entropy(logits, labels))
    loss = expect_scalar(loss_value, LOSS)
    expect_finite(loss, LOSS, "for rows of ordinary logits offset by 0, 40, -25 and 7")
    # Oracle: logsumexp(z_b) - z_b[y_b], logsumexp = m_b + log sum exp(z_b - m_b), float64.
    expected = _loss_oracle(logits, labels)
    mean_max = float(logits.max(axis=1).mean())
    hint = _loss_hint(loss, expected, 4)
    if _near(loss, expected - mean_max) or _near(loss, expected + mean_max):
        hint = (
            f"The loss is off by the mean row max ({mean_max:.4f}): log(sum exp(z - m)) is "
            f"logsumexp(z) - m, so either add m back or take the label's logit from the same "
            f"shifted row: loss_b = log(sum exp(z_b - m_b)) - (z_b[y_b] - m_b)"
        )
    what = f"{LOSS} for rows offset by 0, 40, -25, 7 (row maxima far from 0)"
    assert_close(loss, expected, LOSS_RTOL, ATOL, what, hint)


IN_PLACE_HINT = (
    "Likely cause: an in-place update such as `logits -= logits.max(axis=1, keepdims=True)`; "
    "write `shifted = logits - logits.max(axis=1, keepdims=True)` instead"
)


def test_logits_unchanged_by_softmax_rows(student):
    logits = np.random.default_rng(7).normal(scale=3.0, size=(4, 6))
    _, after = student.call_seeing_inputs("softmax_rows", logits)
    expect_inputs_unchanged("softmax_rows", ("logits",), (logits,), after, IN_PLACE_HINT)


def test_logits_and_labels_unchanged_by_cross_entropy(student):
    logits = np.random.default_rng(7).normal(scale=3.0, size=(4, 6))
    labels = np.array([5, 0, 2, 2])
    args = (logits, labels)
    _, after = student.call_seeing_inputs("cross_entropy", *args)
    expect_inputs_unchanged("cross_entropy", ("logits", "labels"), args, after, IN_PLACE_HINT)


# ---- stability -------------------------------------------------------------------------------


def test_softmax_finite_and_exact_at_logits_1e4(student):
    logits = np.array([[1e4, 1e4], [1e4, -1e4], [-1e4, 1e4], [-1e4, -1e4]])
    # Closed form by shift invariance: equal logits -> [0.5, 0.5]; a gap of 2e4 -> [1, 0]
    # (exp(-2e4) underflows to exactly 0 in float64).
    expected = np.array([[0.5, 0.5], [1.0, 0.0], [0.0, 1.0], [0.5, 0.5]])
    probs = expect_array(student.softmax_rows(logits), SOFTMAX, shape=(4, 2), shape_note=ROWS_NOTE)
    expect_finite(
        probs,
        SOFTMAX,
        "For logits of ±1e4, exp(1e4) overflows to inf and exp(-1e4) underflows to 0, giving "
        "inf/inf or 0/0. Subtract each row's max before exp: softmax is shift-invariant, so the "
        "result is the same and the largest exponent is e^0 = 1",
    )
    assert_close(
        probs.sum(axis=1),
        np.ones(4),
        0.0,
        1e-12,
        f"row sums of {SOFTMAX} for logits of ±1e4",
        hint="Each row is a probability distribution, also at extreme logits",
    )
    assert_close(
        probs,
        expected,
        RTOL,
        ATOL,
        f"{SOFTMAX} for logits of ±1e4",
        hint="Shift each row by its max, then exp and normalise",
    )


def test_loss_exact_at_logits_1e4(student):
    logits = np.array([[1e4, -1e4]])
    labels = np.array([1])
    # Closed form: logsumexp(z) - z_1 = 1e4 + log(1 + exp(-2e4)) + 1e4 = 2e4.
    expected = 2e4
    loss_value, _ = _split_pair(student.cross_entropy(logits, labels))
    loss = expect_scalar(loss_value, LOSS)
    expect_finite(
        loss,
        LOSS,
        "For logits [[1e4, -1e4]] and label 1 the loss is 20000. inf or nan means exp(1e4) "
        "overflowed (subtract the row max before exp: softmax is shift-invariant) or a log of "
        "p_label = exp(-2e4), which underflows to 0 (log(0) = -inf): compute the loss as "
        "logsumexp(z) - z_label instead of -log(p_label)",
    )
    hint = _loss_hint(
        loss,
        expected,
        1,
        otherwise="Compute the loss as logsumexp(z) - z_label, logsumexp shifted by the row max",
    )
    if 5.0 < loss < 100.0:  # -log(eps) for any eps from 1e-43 to 7e-3: a clipped log
        hint = (
            f"The loss is capped: -log(p + eps) or np.clip(p, eps, 1) can never exceed -log(eps) "
            f"({-math.log(1e-12):.2f} for eps = 1e-12). Don't take the log of a probability: "
            f"use log-sum-exp, log p_label = z_label - logsumexp(z)"
        )
    assert_close(loss, expected, RTOL, 0.0, f"{LOSS} for logits [[1e4, -1e4]], label 1", hint)


def test_grad_finite_and_exact_at_logits_1e4(student):
    # One example per call (B = 1), so this test is about the extremes, not the / B.
    # Closed form (p - onehot): p = [1, 0], [0, 1] or [0.5, 0.5] by shift invariance.
    cases = [
        ("[[1e4, -1e4]]", [1e4, -1e4], 1, [1.0, -1.0]),
        ("[[-1e4, 1e4]]", [-1e4, 1e4], 1, [0.0, 0.0]),
        ("[[1e4, 1e4]]", [1e4, 1e4], 0, [-0.5, 0.5]),
    ]
    for text, row, label, expected in cases:
        what = f"{GRAD} for logits {text}, label {label}"
        _, grad_value = _split_pair(student.cross_entropy(np.array([row]), np.array([label])))
        grad = expect_array(grad_value, what, shape=(1, 2))
        expect_finite(
            grad,
            what,
            "exp(1e4) overflows to inf: subtract each row's max before exp (softmax is "
            "shift-invariant); the gradient is softmax(z) - onehot(label), divided by B",
        )
        assert_close(
            grad,
            np.array([expected]),
            RTOL,
            ATOL,
            what,
            hint="d loss / d logits = (softmax(z) - onehot(label)) / B, with B = 1 here",
        )


# Rows 1400 apart: within +-709 each, so exp without any shift is still finite, but shifting
# both rows by the batch max (700) puts row 1 at -1400 and -1401, where exp underflows to 0.
FAR_APART_ROWS = np.array([[700.0, 699.0], [-700.0, -701.0]])  # (B, C) = (2, 2)
OWN_MAX_CAUSE = (
    "Likely cause: the shift is the max of the whole batch (`logits.max()` without axis), so a "
    "row far below it has exp(z - max) = 0 everywhere: 0/0 or log(0). Shift each row by its "
    "own max: `logits.max(axis=1, keepdims=True)`"
)


def test_softmax_shifts_each_row_by_its_own_max_not_the_batch_max(student):
    what = f"{SOFTMAX} for logits {FAR_APART_ROWS.tolist()}"
    probs = expect_array(
        student.softmax_rows(FAR_APART_ROWS), what, shape=(2, 2), shape_note=ROWS_NOTE
    )
    expect_finite(probs, what, OWN_MAX_CAUSE)
    # Closed form by shift invariance: both rows are softmax([0, -1]) = [e, 1] / (e + 1).
    row = np.array([math.e, 1.0]) / (math.e + 1.0)
    assert_close(probs, np.array([row, row]), RTOL, ATOL, what, OWN_MAX_CAUSE)


def test_loss_shifts_each_row_by_its_own_max_not_the_batch_max(student):
    # Rows 1400 apart again, each label on its row's top logit, 100 above the other one.
    logits = np.array([[700.0, 600.0], [-700.0, -800.0]])  # (B, C) = (2, 2)
    labels = np.array([0, 0])
    loss_value, _ = _split_pair(student.cross_entropy(logits, labels))
    loss = expect_scalar(loss_value, LOSS)
    what = f"{LOSS} for logits {logits.tolist()}, labels {labels.tolist()}"
    expect_finite(loss, what, OWN_MAX_CAUSE)
    # Closed form: each row costs log(1 + e^-100) ~ 3.7e-44, so the loss is 0 whether it is
    # averaged or summed (that is the correctness tests' business). atol 1e-9 lets a 1e-12
    # guard inside the log pass: it is judged elsewhere.
    assert_close(loss, 0.0, 0.0, 1e-9, what, OWN_MAX_CAUSE)


def test_loss_not_capped_by_an_eps_at_a_logit_gap_of_100(student):
    logits = np.array([[0.0, -100.0]])
    labels = np.array([1])
    # Closed form: logsumexp(z) - z_1 = log(1 + e^-100) + 100 = 100 to float64 precision.
    # p_1 = e^-100 ~ 3.7e-44 is an ordinary float64: nothing underflows or overflows here.
    expected = 100.0
    loss_value, _ = _split_pair(student.cross_entropy(logits, labels))
    loss = expect_scalar(loss_value, LOSS)
    what = f"{LOSS} for logits [[0, -100]], label 1"
    expect_finite(loss, what, "Nothing here overflows: compute logsumexp(z) - z_label")
    hint = _loss_hint(loss, expected, 1, "The loss is logsumexp(z) - z_label = 100 here")
    if 5.0 < loss < 99.0:  # -log(eps) for an eps from 1e-43 to 7e-3: a clipped log
        hint = (
            f"The loss is capped near -log(eps): p_label = e^-100 ~ 3.7e-44, and -log(p + 1e-12) "
            f"or np.clip(p, 1e-12, 1) gives {-math.log(1e-12):.2f}, not 100. The guard bites "
            f"long before any underflow: use log p_label = z_label - logsumexp(z)"
        )
    assert_close(loss, expected, RTOL, 0.0, what, hint)


# ---- gradient --------------------------------------------------------------------------------


def test_grad_matches_finite_differences_of_mean_loss(student):
    logits = np.random.default_rng(8).normal(size=(3, 5))
    labels = np.array([4, 0, 2])
    _, grad_value = _split_pair(student.cross_entropy(logits, labels))
    grad = expect_array(grad_value, GRAD, shape=(3, 5))
    expect_finite(grad, GRAD, "for logits drawn from normal(scale=1)")
    # Oracle: central differences (h = 1e-5, float64) of the mean cross-entropy computed above;
    # their error here is ~1e-10, far inside |a - n| <= 1e-8 + 1e-6 * |n|.
    numeric = central_differences(lambda z: _loss_oracle(z, labels), logits)
    rtol, atol = 1e-6, 1e-8
    onehot = np.eye(5)[labels]  # (B, C)
    missing_div_b = (
        "It is 3 (= B) times too large: missing the / B (the loss is a mean over the batch, "
        "so each row's gradient is (p - onehot) / B)"
    )
    causes = [
        (3 * numeric, missing_div_b),
        (numeric / 3, "It is 3 (= B) times too small: divided by B twice"),
        (-numeric, "The sign is flipped: the gradient is p - onehot, not onehot - p"),
        (
            numeric + onehot / 3,
            "The one-hot term is missing: subtract 1 at each row's label",
        ),
    ]
    hint = "d loss / d logits = (softmax(logits) - onehot(labels)) / B"
    for candidate, cause in causes:
        if np.allclose(grad, candidate, rtol=rtol, atol=atol):
            hint = cause
            break
    assert_close(grad, numeric, rtol, atol, f"{GRAD} vs central differences of the loss", hint)


def test_grad_rows_sum_to_zero(student):
    logits = np.random.default_rng(9).normal(scale=3.0, size=(4, 6))
    labels = np.array([5, 5, 1, 0])
    _, grad_value = _split_pair(student.cross_entropy(logits, labels))
    grad = expect_array(grad_value, GRAD, shape=(4, 6))
    expect_finite(grad, GRAD, "for logits drawn from normal(scale=3)")
    # Each row of p sums to 1 and so does each one-hot row: (p - onehot) / B sums to 0.
    row_sums = grad.sum(axis=1)  # (B,)
    hint = (
        "Each row of (p - onehot) / B sums to 0: subtract exactly 1 per row, at that row's own "
        "label, grad[np.arange(B), labels] -= 1 (grad[:, labels] -= 1 hits every row)"
    )
    if np.allclose(row_sums, 0.25, atol=1e-9) or np.allclose(row_sums, 1.0, atol=1e-9):
        hint = "The rows sum to 1/B or 1: the one-hot was never subtracted (p - onehot)"
    assert_close(row_sums, np.zeros(4), 0.0, 1e-12, f"row sums of {GRAD}", hint)


def test_grad_is_p_minus_onehot_not_onehot_minus_p(student):
    logits = np.zeros((2, 4))
    labels = np.array([3, 0])
    _, grad_value = _split_pair(student.cross_entropy(logits, labels))
    grad = expect_array(grad_value, GRAD, shape=(2, 4))
    expect_finite(grad, GRAD, "for all-zero logits")
    # Closed form: p = 1/C = 0.25 everywhere, so (p - onehot) / B is -0.375 at each label and
    # +0.125 elsewhere: negative where the loss falls as the label's logit grows.
    expected = (np.full((2, 4), 0.25) - np.eye(4)[labels]) / 2
    hint = "d loss / d logits = (softmax(logits) - onehot(labels)) / B"
    if np.allclose(grad, -expected, rtol=1e-9, atol=1e-12):
        hint = (
            "The sign is flipped: you returned (onehot - p) / B, the direction that lowers the "
            "loss (the `y - p` of an update rule), not its gradient (p - onehot) / B"
        )
    elif np.allclose(grad, 2 * expected, rtol=1e-9, atol=1e-12):
        hint = "It is 2 (= B) times too large: missing the / B"
    what = f"{GRAD} for zero logits (B = 2, C = 4), labels {labels.tolist()}"
    assert_close(grad, expected, RTOL, ATOL, what, hint)


# ---- complexity ------------------------------------------------------------------------------

# The same work two ways: SMALL_CALLS calls with C_SMALL classes against one call with
# C_LARGE = SMALL_CALLS * C_SMALL (B fixed). Work linear in B*C costs about as much either way
# (the many small calls even pay more fixed cost per call); work quadratic in C costs about
# SMALL_CALLS = 32 times as much in the one large call. The cost is CPU time measured in the
# worker by a probe (checks.probe_cpu_seconds): the two workloads interleaved, the fastest of
# ROUNDS rounds each. CPU time counts only what the worker's thread ran, not the time it waited
# for a core, so other processes on the machine cannot move the ratio the way they move
# wall-clock time. Measured in the worker on 2 cores, idle and with both kept busy (load average
# 6 to 8): correct solutions 0.06x (vectorised) to 0.92x (plain loops); the normaliser
# recomputed per class in plain Python 19x to 25x, a vectorised (B, C, C) softmax
# p_j = 1 / sum_k exp(z_k - z_j) 11x to 26x. The limit, 4x, sits in the middle on a log scale.
# (A loop over classes that recomputes the normaliser with one NumPy call each is quadratic too,
# but at C = 1024 NumPy's cost per call hides the C^2 part: 1.5x, it passes, as it did on the
# wall clock.) A large call under FAST_ENOUGH_S of CPU passes outright: nothing quadratic at
# C = 1024 is that fast.
COMPLEXITY_B, C_SMALL, C_LARGE = 4, 32, 1024
SMALL_CALLS = C_LARGE // C_SMALL  # 32
RATIO_LIMIT = 4
FAST_ENOUGH_S = 0.010
ROUNDS = 3
BUDGET_S = 0.4  # CPU seconds after which the probe starts no new round


def test_time_grows_linearly_with_number_of_classes(student):
    rng = np.random.default_rng(10)
    small = (
        rng.normal(size=(COMPLEXITY_B, C_SMALL)),
        rng.integers(0, C_SMALL, COMPLEXITY_B),
    )
    large = (
        rng.normal(size=(COMPLEXITY_B, C_LARGE)),
        rng.integers(0, C_LARGE, COMPLEXITY_B),
    )
    student.cross_entropy(*small)  # a missing or failing function, named as such
    many_small, one_large = min_cpu_seconds(
        student, "cross_entropy", [(small, SMALL_CALLS), (large, 1)], ROUNDS, BUDGET_S
    )
    if one_large < FAST_ENOUGH_S:
        return
    ratio = one_large / max(many_small, 1e-9)
    assert ratio <= RATIO_LIMIT, (
        f"`cross_entropy` took {one_large * 1e3:.1f} ms of CPU for one batch with C = {C_LARGE} "
        f"classes but {many_small * 1e3:.1f} ms for {SMALL_CALLS} batches with C = {C_SMALL} "
        f"(the same number of logits, B = {COMPLEXITY_B}): got {ratio:.1f}x, expected about 1x "
        f"for work linear in B*C (limit {RATIO_LIMIT}x; work quadratic in C gives about "
        f"{SMALL_CALLS}x). Likely cause: something that costs O(C) is redone for every class, "
        f"e.g. the row's normaliser sum(exp(z - max)) recomputed inside the loop over classes, "
        f"or a (B, C, C) array such as exp(z[:, None, :] - z[:, :, None]): compute the "
        f"normaliser once per row"
    )
