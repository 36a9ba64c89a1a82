"""Grading suite for p09_attention.

The student writes `softmax_rows(M)` (softmax over the last axis, max-shifted),
`attention(Q, K, V, mask=None)` and, as the optional follow-up, `causal_mask(n)`.
Letters: n queries, m keys/values, d query/key dim, d_v value dim. Q is (n, d), K is (m, d),
V is (m, d_v), mask is a boolean (n, m) with True = query i may attend to key j; the output is
(n, d_v). Every test uses n != m and d != d_v unless the causal mask forces n == m.

Every expected value is computed in this file, never from a solution:
    attention = softmax(Q K^T / sqrt(d)) V, the softmax over the m keys of each query:
        torch.nn.functional.scaled_dot_product_attention run here in float64;
    a fully masked row (no key allowed) gives uniform weights over all m keys, the stated
        convention, so that row is the mean of the rows of V (closed form; PyTorch >= 2.5
        returns zeros there, so its value is never used for such a row);
    softmax of a row = exp(z - logsumexp(z)) in float64, or closed forms at +-1e4;
    causal_mask(n) = np.tril(np.ones((n, n), bool)): True on and below the diagonal.
The "likely cause" hints compare a wrong answer with what each known mistake would give; those
candidates only choose the message, never the verdict. Categories and points live in grading.yml.
"""

import math

import numpy as np
import torch
import torch.nn.functional as F

from autograder.checks import assert_close, expect_array, expect_finite, expect_inputs_unchanged

SOFTMAX = "`softmax_rows(M)`"
ATTENTION = "`attention(Q, K, V, mask)`"
CAUSAL = "`causal_mask(n)`"
OUT_NOTE = "one row per query (n) and one column per value feature (d_v), like `weights @ V`"

# Float64 reaches ~1e-15 on these O(1) values; 1e-9 leaves room for any order of summation.
RTOL, ATOL = 1e-9, 1e-12


# ---- oracles: torch in float64, in this trusted process ----------------------------------------


def _sdpa(Q, K, V, mask=None, *, is_causal=False, scale=None) -> np.ndarray:
    """torch.nn.functional.scaled_dot_product_attention in float64; `scale` None = 1/sqrt(d)."""
    with torch.no_grad():
        out = F.scaled_dot_product_attention(
            torch.from_numpy(np.asarray(Q, dtype=np.float64)),
            torch.from_numpy(np.asarray(K, dtype=np.float64)),
            torch.from_numpy(np.asarray(V, dtype=np.float64)),
            attn_mask=None if mask is None else torch.from_numpy(np.asarray(mask, dtype=bool)),
            is_causal=is_causal,
            scale=scale,
        )
    return out.numpy()  # (n, d_v)


def _softmax_last_axis(z: np.ndarray, axis: int = -1) -> np.ndarray:
    """exp(z - logsumexp(z)) along `axis`, shifted by the max so nothing overflows."""
    shifted = z - z.max(axis=axis, keepdims=True)
    exps = np.exp(shifted)
    return exps / exps.sum(axis=axis, keepdims=True)


# ---- what known mistakes would return: they only pick the hint ---------------------------------


def _mistakes(Q, K, V, mask):
    """(value a known mistake gives, its likely cause) for the inputs of one call."""
    d = Q.shape[1]
    scores = Q @ K.T / math.sqrt(d)  # (n, m)
    out = []
    if mask is None or mask.any(axis=1).all():
        out += [
            (
                _sdpa(Q, K, V, mask, scale=1.0),
                "The scores are not scaled: divide Q K^T by sqrt(d) (d = Q.shape[1]) before the "
                "softmax, so that their spread does not grow with d",
            ),
            (
                _sdpa(Q, K, V, mask, scale=1.0 / d),
                "The scores are divided by d instead of sqrt(d): scale Q K^T by 1 / sqrt(d)",
            ),
        ]
    if mask is not None:
        after = _softmax_last_axis(scores) * mask  # weights zeroed, never renormalised
        out.append(
            (
                after @ V,
                "The mask is applied after the softmax: the blocked weights are zeroed but the "
                "rest no longer sum to 1. Mask the scores before the softmax (a large negative "
                "fill where mask is False)",
            )
        )
        if (~mask).any(axis=1).all():
            out.append(
                (
                    _sdpa(Q, K, V, ~mask),
                    "The mask is inverted: True means the query MAY attend to that key; fill "
                    "the scores where mask is False",
                )
            )
    masked = scores if mask is None else np.where(mask, scores, -1e300)
    out.append(
        (
            _softmax_last_axis(masked, axis=0) @ V,
            "The softmax runs over the queries (axis 0): each COLUMN of the weights sums to 1. "
            "Each query's weights over the m keys must sum to 1: softmax over the last axis",
        )
    )
    return out


def _hint(got: np.ndarray, Q, K, V, mask, otherwise: str) -> str:
    for value, cause in _mistakes(Q, K, V, mask):
        if got.shape == value.shape and np.allclose(got, value, rtol=1e-7, atol=1e-10):
            return f"Likely cause: {cause}"
    return otherwise


def _attention_result(student, Q, K, V, mask, what: str, context: str) -> np.ndarray:
    """Call the student's attention and check type, shape and finiteness; return the output."""
    n, m, d_v = Q.shape[0], K.shape[0], V.shape[1]
    result = student.attention(Q, K, V, mask=mask)
    out = expect_array(result, what, shape=(n, d_v), shape_note=f"{OUT_NOTE} (m = {m} keys)")
    expect_finite(out, what, context)
    return out


def _normal(rng, *shape, scale=1.0) -> np.ndarray:
    return rng.normal(scale=scale, size=shape)


def _random_mask(rng, n: int, m: int) -> np.ndarray:
    """A boolean (n, m) mask (m >= 2) with at least one True and one False in every row."""
    mask = rng.random((n, m)) < 0.5  # (n, m)
    for i in range(n):
        allowed, blocked = rng.choice(m, size=2, replace=False)
        mask[i, allowed], mask[i, blocked] = True, False
    return mask


# ---- shapes ----------------------------------------------------------------------------------


def test_softmax_rows_returns_float64_of_the_input_shape(student):
    rng = np.random.default_rng(0)
    for shape in [(1, 5), (4, 7), (7, 4), (3, 1), (2, 3, 5)]:
        expect_array(
            student.softmax_rows(rng.normal(size=shape)),
            f"{SOFTMAX} for an input of shape {shape}",
            shape=shape,
            dtype="float64",
            shape_note="the softmax keeps the shape of its input",
        )


def test_softmax_rows_of_integer_scores_is_float64(student):
    # Integer scores are real numbers too, and the contract says float64 arrays come back.
    M = np.array([[3, 1, 0, -2], [4, 4, 4, 4], [-1, 0, 1, 2]])  # (3, 4), dtype int64
    what = f"{SOFTMAX} for integer scores {M.tolist()}"
    probs = expect_array(student.softmax_rows(M), what, shape=(3, 4), dtype_kind=None)
    if probs.dtype != np.float64:
        raise AssertionError(
            f"{what} has dtype {probs.dtype}, expected float64. Likely cause: the result was "
            f"made with np.zeros_like(M) or np.empty_like(M), which copy the integer dtype of M, "
            f"so every probability written into it is truncated to 0 (or 1). Make it with "
            f"np.zeros(M.shape), or start with `M = np.asarray(M, dtype=np.float64)`"
        )


def test_attention_returns_n_by_d_v_when_n_ne_m_and_d_ne_d_v(student):
    rng = np.random.default_rng(1)
    for n, m, d, d_v in [(3, 5, 4, 2), (5, 3, 2, 6), (1, 7, 3, 1), (6, 1, 5, 3)]:
        Q, K, V = _normal(rng, n, d), _normal(rng, m, d), _normal(rng, m, d_v)
        for mask in (None, np.ones((n, m), dtype=bool)):
            expect_array(
                student.attention(Q, K, V, mask=mask),
                f"{ATTENTION} for n={n} queries, m={m} keys, d={d}, d_v={d_v}, "
                f"mask={'None' if mask is None else 'all True'}",
                shape=(n, d_v),
                dtype="float64",
                shape_note=f"{OUT_NOTE}; weights (n, m) @ V (m, d_v)",
            )


# ---- correctness -----------------------------------------------------------------------------


def test_softmax_rows_normalises_the_last_axis(student):
    rng = np.random.default_rng(2)
    for shape in [(4, 7), (2, 3, 5)]:
        z = rng.normal(scale=3.0, size=shape)
        what = f"{SOFTMAX} for an input of shape {shape}"
        probs = expect_array(student.softmax_rows(z), what, shape=shape)
        expect_finite(probs, what, "for entries drawn from normal(scale=3)")
        hint = "softmax(z)[..., j] = exp(z[..., j]) / sum_k exp(z[..., k]), over the last axis"
        if not np.allclose(probs.sum(axis=-1), 1.0, atol=1e-9):
            hint = (
                "The entries along the last axis do not sum to 1: take the max and the sum with "
                "axis=-1, keepdims=True (axis=1 or axis=0 is another axis for a 3-D input)"
            )
        # Oracle: exp(z - logsumexp(z)) along the last axis, float64.
        assert_close(probs, _softmax_last_axis(z), RTOL, ATOL, what, hint)


def test_softmax_rows_of_a_1d_row_is_its_softmax(student):
    # (..., m) with no leading axis at all: a single row of m scores, one distribution.
    z = np.array([2.0, -1.0, 0.5, 3.0, 0.0])  # (m,) = (5,)
    what = f"{SOFTMAX} for the 1-D input {z.tolist()}"
    probs = expect_array(
        student.softmax_rows(z), what, shape=(5,), shape_note="the softmax keeps its shape"
    )
    expect_finite(probs, what, "for ordinary scores")
    hint = (
        "A 1-D input is one row: softmax over its only axis. Code that loops over M.shape[0] "
        "treats each entry as a row of its own; use axis=-1, keepdims=True (or fold the leading "
        "axes with M.reshape(-1, M.shape[-1]))"
    )
    if np.allclose(probs, 1.0):
        hint = "Every entry came back as 1: each score was normalised on its own. " + hint
    # Oracle: exp(z - logsumexp(z)), float64.
    assert_close(probs, _softmax_last_axis(z), RTOL, ATOL, what, hint)


def test_attention_matches_torch_sdpa_float64(student):
    rng = np.random.default_rng(3)
    n, m, d, d_v = 4, 6, 5, 3
    Q, K, V = _normal(rng, n, d, scale=1.5), _normal(rng, m, d, scale=1.5), _normal(rng, m, d_v)
    out = _attention_result(
        student, Q, K, V, None, f"{ATTENTION} with mask=None", "for Q, K, V drawn from normal"
    )
    expected = _sdpa(Q, K, V)  # torch SDPA, float64
    hint = _hint(out, Q, K, V, None, "attention = softmax(Q K^T / sqrt(d)) V")
    assert_close(out, expected, RTOL, ATOL, f"{ATTENTION} for n={n}, m={m}, d={d}", hint)


def _scale_test(student, seed: int, d: int, wrong_scale: float, wrong_name: str) -> None:
    rng = np.random.default_rng(seed)
    n, m, d_v = 5, 8, 3
    # Unit-variance entries: Q K^T / sqrt(d) has spread ~1, so the softmax is neither uniform nor
    # one-hot, and a wrong scale moves the output by ~0.1 to 1, far beyond the tolerance.
    Q, K, V = _normal(rng, n, d), _normal(rng, m, d), _normal(rng, m, d_v)
    what = f"{ATTENTION} for d={d} (sqrt(d)={math.sqrt(d):g})"
    out = _attention_result(student, Q, K, V, None, what, "for Q, K, V drawn from normal")
    expected = _sdpa(Q, K, V)  # torch SDPA, default scale 1/sqrt(d), float64
    hint = "Divide the scores Q K^T by sqrt(d), d = Q.shape[1], before the softmax"
    if np.allclose(out, _sdpa(Q, K, V, scale=wrong_scale), rtol=1e-7, atol=1e-10):
        hint = f"The output is what {wrong_name} gives. " + hint
    else:
        hint = _hint(out, Q, K, V, None, hint)
    assert_close(out, expected, RTOL, ATOL, what, hint)


def test_scores_are_scaled_by_sqrt_d_not_left_unscaled(student):
    _scale_test(student, 4, 16, 1.0, "unscaled scores Q K^T (no / sqrt(d))")


def test_scores_are_scaled_by_sqrt_d_not_by_d(student):
    _scale_test(student, 5, 9, 1.0 / 9, "scores divided by d = 9 instead of sqrt(d) = 3")


def test_mask_is_applied_before_the_softmax(student):
    rng = np.random.default_rng(6)
    n, m, d, d_v = 6, 5, 4, 3
    Q, K, V = _normal(rng, n, d), _normal(rng, m, d), _normal(rng, m, d_v)
    mask = _random_mask(rng, n, m)  # (n, m), every row has allowed and blocked keys
    what = f"{ATTENTION} with a random mask ({int(mask.sum())} of {n * m} True)"
    out = _attention_result(student, Q, K, V, mask, what, "for an ordinary mask")
    expected = _sdpa(Q, K, V, mask)  # torch SDPA with a boolean mask, float64
    hint = _hint(
        out,
        Q,
        K,
        V,
        mask,
        "Blocked keys get weight exactly 0 and each query's allowed weights still sum to 1: "
        "fill the blocked scores with a large negative number, then take the softmax",
    )
    assert_close(out, expected, RTOL, ATOL, what, hint)
    # A blocked key must have no influence at all: change its value row, the output stays.
    mask_0 = mask.copy()
    mask_0[:, 0] = False  # key 0 blocked for every query
    mask_0[:, 1] = True  # and key 1 allowed, so no row is fully masked
    V_other = V.copy()
    V_other[0] = 1e3  # a value row no query may read
    what_0 = f"{ATTENTION} with key 0 blocked for every query"
    a = _attention_result(student, Q, K, V, mask_0, what_0, "for an ordinary mask")
    b = _attention_result(student, Q, K, V_other, mask_0, what_0, "for V[0] = 1000")
    assert_close(
        b,
        a,
        RTOL,
        ATOL,
        f"{what_0}, after changing V[0] to 1000 (the output must not change)",
        "A blocked key still leaks into the output: its weight must be exactly 0",
    )


def test_mask_true_means_may_attend(student):
    rng = np.random.default_rng(7)
    n, m, d, d_v = 4, 6, 3, 2
    Q, K, V = _normal(rng, n, d), _normal(rng, m, d), _normal(rng, m, d_v)
    allowed = np.array([2, 0, 5, 2])  # one key per query
    mask = np.zeros((n, m), dtype=bool)
    mask[np.arange(n), allowed] = True  # (n, m)
    what = f"{ATTENTION} with exactly one allowed key per query, keys {allowed.tolist()}"
    out = _attention_result(student, Q, K, V, mask, what, "for a mask with one True per row")
    # Closed form: a single allowed key gets weight 1, so row i is V[allowed[i]].
    expected = V[allowed]  # (n, d_v)
    hint = _hint(
        out,
        Q,
        K,
        V,
        mask,
        "With one True per row, query i reads only that key: its output row is V[j]",
    )
    assert_close(out, expected, RTOL, ATOL, what, hint)


def test_softmax_runs_over_the_keys_not_the_queries(student):
    rng = np.random.default_rng(8)
    n, m, d, d_v = 7, 4, 3, 5
    Q, K = _normal(rng, n, d, scale=1.5), _normal(rng, m, d, scale=1.5)
    # Closed form: each query's weights sum to 1, so with every value row equal to c the
    # output is c in every row, whatever Q and K are.
    c = np.array([1.0, -2.0, 0.5, 3.0, 0.0])  # (d_v,)
    V = np.tile(c, (m, 1))  # (m, d_v)
    what = f"{ATTENTION} with every row of V equal to {c.tolist()}"
    out = _attention_result(student, Q, K, V, None, what, "for Q, K drawn from normal")
    hint = (
        "Each query's weights over the m keys must sum to 1 (softmax over the last axis, "
        "axis=-1), so a constant V comes back unchanged"
    )
    hint = _hint(out, Q, K, V, None, hint)
    assert_close(out, np.tile(c, (n, 1)), RTOL, ATOL, what, hint)
    V = _normal(rng, m, d_v)
    out = _attention_result(student, Q, K, V, None, ATTENTION, "for Q, K, V drawn from normal")
    hint = _hint(out, Q, K, V, None, "softmax(Q K^T / sqrt(d)) over the keys, times V")
    assert_close(out, _sdpa(Q, K, V), RTOL, ATOL, f"{ATTENTION} for n={n}, m={m}", hint)


IN_PLACE_HINT = (
    "Likely cause: an in-place update such as `Q /= np.sqrt(d)`, `M -= M.max(...)` or "
    "`scores[~mask] = ...` on a view of an input; build new arrays instead "
    "(`scores = Q @ K.T / np.sqrt(d)`, `shifted = M - M.max(axis=-1, keepdims=True)`)"
)


def test_softmax_rows_leaves_its_input_unchanged(student):
    M = np.random.default_rng(9).normal(size=(3, 6))
    _, after = student.call_seeing_inputs("softmax_rows", M)
    expect_inputs_unchanged("softmax_rows", ("M",), (M,), after, IN_PLACE_HINT)


def test_attention_leaves_q_k_v_and_mask_unchanged(student):
    rng = np.random.default_rng(9)
    n, m, d, d_v = 4, 5, 3, 2
    Q, K, V = _normal(rng, n, d), _normal(rng, m, d), _normal(rng, m, d_v)
    args = (Q, K, V, _random_mask(rng, n, m))
    _, after = student.call_seeing_inputs("attention", *args)
    expect_inputs_unchanged("attention", ("Q", "K", "V", "mask"), args, after, IN_PLACE_HINT)


# ---- stability -------------------------------------------------------------------------------


def test_softmax_rows_finite_and_exact_at_1e4(student):
    M = np.array([[1e4, 1e4], [1e4, -1e4], [-1e4, 1e4], [-1e4, -1e4]])
    # Closed form by shift invariance: equal entries -> [0.5, 0.5]; a gap of 2e4 -> [1, 0]
    # (exp(-2e4) underflows to exactly 0 in float64).
    expected = np.array([[0.5, 0.5], [1.0, 0.0], [0.0, 1.0], [0.5, 0.5]])
    probs = expect_array(student.softmax_rows(M), SOFTMAX, shape=(4, 2))
    expect_finite(
        probs,
        SOFTMAX,
        "For entries of ±1e4, exp(1e4) overflows to inf and exp(-1e4) underflows to 0, giving "
        "inf/inf or 0/0. Subtract the max along the last axis before exp: softmax is "
        "shift-invariant, so the result is the same and the largest exponent is e^0 = 1",
    )
    assert_close(probs, expected, RTOL, ATOL, f"{SOFTMAX} for entries of ±1e4", "Max-shift first")


def test_softmax_rows_shifts_each_row_by_its_own_max(student):
    # Rows 1400 apart: within +-709 each, so exp without any shift is still finite, but a shift
    # by the max of the whole array (700) puts row 1 at -1400 and -1401, where exp underflows.
    M = np.array([[700.0, 699.0], [-700.0, -701.0]])
    cause = (
        "Likely cause: the shift is the max of the whole array (`M.max()` without axis), so a "
        "row far below it has exp(z - max) = 0 everywhere and becomes 0/0. Shift each row by "
        "its own max: `M.max(axis=-1, keepdims=True)`"
    )
    what = f"{SOFTMAX} for M = {M.tolist()}"
    probs = expect_array(student.softmax_rows(M), what, shape=(2, 2))
    expect_finite(probs, what, cause)
    # Closed form by shift invariance: both rows are softmax([0, -1]) = [e, 1] / (e + 1).
    row = np.array([math.e, 1.0]) / (math.e + 1.0)
    assert_close(probs, np.array([row, row]), RTOL, ATOL, what, cause)


def test_attention_finite_and_exact_at_scores_1e6(student):
    rng = np.random.default_rng(10)
    n, m, d, d_v = 5, 7, 4, 3
    # Entries ~1e3, so Q K^T ~1e6 and the scaled scores ~5e5: exp of them overflows.
    Q, K, V = _normal(rng, n, d, scale=1e3), _normal(rng, m, d, scale=1e3), _normal(rng, m, d_v)
    overflow = (
        "The scaled scores are about 1e6, and exp(710) is already inf in float64. Subtract each "
        "query's max score before exp (softmax is shift-invariant)"
    )
    what = f"{ATTENTION} for Q, K entries ~1e3 (scores ~1e6)"
    out = _attention_result(student, Q, K, V, None, what, overflow)
    # Oracle: torch SDPA, float64 (its softmax is max-shifted). The softmax is near one-hot here.
    assert_close(out, _sdpa(Q, K, V), 1e-7, 1e-9, what, _hint(out, Q, K, V, None, overflow))


def test_blocking_the_best_key_at_scores_1e6_gives_the_others_all_the_weight(student):
    rng = np.random.default_rng(10)
    n, m, d, d_v = 5, 7, 4, 3
    # The inputs of the test above: entries ~1e3, scores ~1e6, a softmax near one-hot.
    Q, K, V = _normal(rng, n, d, scale=1e3), _normal(rng, m, d, scale=1e3), _normal(rng, m, d_v)
    # A mask that blocks each query's best key: a blocked key with a huge score must get
    # weight 0 and the allowed keys share all of it (no 0/0).
    scores = Q @ K.T  # (n, m)
    mask = np.ones((n, m), dtype=bool)
    mask[np.arange(n), scores.argmax(axis=1)] = False  # (n, m)
    what = f"{ATTENTION} for scores ~1e6 with each query's highest-scoring key blocked"
    out = _attention_result(
        student,
        Q,
        K,
        V,
        mask,
        what,
        "A blocked key with the highest score takes all the weight of a softmax taken before "
        "masking, so renormalising afterwards gives 0/0. Mask the scores, then take the softmax",
    )
    hint = _hint(
        out, Q, K, V, mask, "Fill the blocked scores first, then a max-shifted softmax over keys"
    )
    assert_close(out, _sdpa(Q, K, V, mask), 1e-7, 1e-9, what, hint)


def test_fully_masked_row_gives_uniform_weights_mean_of_v(student):
    rng = np.random.default_rng(11)
    n, m, d, d_v = 4, 5, 3, 2
    # Q = 0 makes every score 0, so each row's weights are uniform over the keys it may
    # attend to, whatever the scale: the expected output is a closed form.
    Q, K, V = np.zeros((n, d)), _normal(rng, m, d), _normal(rng, m, d_v)
    mask = _random_mask(rng, n, m)
    mask[2] = False  # query 2 may attend to no key
    nan_hint = (
        "Row 2 of the mask blocks every key. Filling blocked scores with -inf makes that row "
        "all -inf, and the max-shift gives -inf - (-inf) = nan; without a max-shift, a fill of "
        "-1e9 gives exp(-1e9) = 0 for every key and 0/0 = nan. Fill with a large finite "
        "negative number and shift by the row max: an all-blocked row is then all-equal, and "
        "its softmax is uniform"
    )
    hint = (
        "A query whose mask row is all False gets uniform weights 1/m over all m keys (this "
        "problem's convention), so its output row is V.mean(axis=0); any other row is the mean "
        "of the V rows it may attend to (all scores are 0 here)"
    )
    # Closed form: row i is the mean of V over the allowed keys, or over all keys if none is.
    expected = np.array([V[row].mean(axis=0) if row.any() else V.mean(axis=0) for row in mask])
    what = f"{ATTENTION} with Q = 0 and row 2 of the mask all False"
    out = _attention_result(student, Q, K, V, mask, what, nan_hint)
    if np.allclose(out[2], 0.0, atol=1e-12):
        hint += ". You returned zeros there (PyTorch's convention, not this problem's)"
    assert_close(out, expected, RTOL, ATOL, what, _hint(out, Q, K, V, mask, hint))


def test_all_false_mask_gives_mean_of_v_whatever_the_scores(student):
    rng = np.random.default_rng(14)
    n, m, d, d_v = 4, 5, 3, 2
    # Ordinary Q this time (the test above has Q = 0, where every score is 0), and no key
    # allowed anywhere: by the convention every row is V.mean(axis=0), whatever the scores.
    Q, K, V = _normal(rng, n, d), _normal(rng, m, d), _normal(rng, m, d_v)
    what = f"{ATTENTION} with a mask that is all False"
    nan_hint = (
        "Every key is blocked. An -inf fill gives -inf - (-inf) = nan after the max-shift; "
        "without a max-shift a fill of -1e9 gives 0/0. Use a large finite fill and shift by "
        "the row max"
    )
    out = _attention_result(student, Q, K, V, np.zeros((n, m), dtype=bool), what, nan_hint)
    hint = (
        "A query whose mask row is all False gets uniform weights 1/m (this problem's "
        "convention), so every row is V.mean(axis=0). Replace the blocked scores by one fill "
        "value (np.where(mask, scores, fill)): then an all-blocked row is all-equal. Adding "
        "the fill to the scores (an additive mask) keeps their differences, and the row "
        "comes out as the unmasked softmax"
    )
    if np.allclose(out, _sdpa(Q, K, V), rtol=1e-5, atol=1e-7):
        hint = "The output is the unmasked attention. " + hint
    elif np.allclose(out, 0.0, atol=1e-12):
        hint = "You returned zeros (PyTorch's convention, not this problem's). " + hint
    assert_close(out, np.tile(V.mean(axis=0), (n, 1)), RTOL, ATOL, what, hint)


def test_blocked_keys_get_zero_weight_when_allowed_scores_are_near_minus_1e6(student):
    rng = np.random.default_rng(15)
    n, m, d, d_v = 4, 6, 3, 2
    # Entries of Q near +1e3 and of K near -1e3: every score is about -1e6 * d / sqrt(d), about
    # -1.7e6, far below a fill like -1e4 but far above -1e9 and np.finfo(np.float64).min.
    Q = 1e3 * (1.0 + 0.1 * _normal(rng, n, d))
    K = -1e3 * (1.0 + 0.1 * _normal(rng, m, d))
    V = _normal(rng, m, d_v)
    mask = _random_mask(rng, n, m)
    what = f"{ATTENTION} with a random mask and every score about -1.7e6"
    out = _attention_result(
        student,
        Q,
        K,
        V,
        mask,
        what,
        "Every exp(score) underflows to 0 without a max-shift: subtract each query's max score",
    )
    hint = (
        "The blocked keys took the weight: the fill for a blocked score must be below every "
        "real score, and these are about -1.7e6, so a fill of -1e4 or -10000 is the highest "
        "score in its row. Fill with np.finfo(np.float64).min (or -1e9, far below these)"
    )
    # Oracle: torch SDPA with the boolean mask, float64; the softmax is near one-hot here.
    assert_close(out, _sdpa(Q, K, V, mask), 1e-7, 1e-9, what, _hint(out, Q, K, V, mask, hint))


# ---- optional follow-up: causal mask ---------------------------------------------------------


def test_causal_mask_is_lower_triangular_including_the_diagonal(student):
    for n in [1, 2, 5]:
        what = f"{CAUSAL} for n={n}"
        got = expect_array(
            student.causal_mask(n),
            what,
            shape=(n, n),
            dtype="bool",
            shape_note="query i (row) may attend to key j (column) when j <= i",
        )
        expected = np.tril(np.ones((n, n), dtype=bool))  # True on and below the diagonal
        if np.array_equal(got, expected):
            continue
        hint = "True on and below the diagonal (j <= i): np.tril(np.ones((n, n), dtype=bool))"
        if np.array_equal(got, expected.T):
            hint = "This is the upper triangle (j >= i): a query would see the future. " + hint
        elif np.array_equal(got, np.tril(expected, k=-1)):
            hint = "The diagonal is False (j < i): each query must also see itself. " + hint
        elif np.array_equal(got, ~expected):
            hint = "True marks the blocked keys here: True must mean MAY attend. " + hint
        rows = "; ".join(str(r.astype(int).tolist()) for r in got)
        raise AssertionError(
            f"{what} is wrong: got rows {rows}, expected {expected.astype(int).tolist()}. {hint}"
        )


def test_causal_attention_matches_torch_is_causal(student):
    rng = np.random.default_rng(12)
    n, d, d_v = 6, 4, 3
    Q, K, V = _normal(rng, n, d), _normal(rng, n, d), _normal(rng, n, d_v)
    mask = expect_array(student.causal_mask(n), f"{CAUSAL} for n={n}", shape=(n, n), dtype="bool")
    what = f"{ATTENTION} with mask = causal_mask({n})"
    out = _attention_result(student, Q, K, V, mask, what, "for Q, K, V drawn from normal")
    # Oracle: torch SDPA with is_causal=True, float64. Row 0 can only read key 0: out[0] = V[0].
    hint = "Query i reads keys 0..i only, itself included, so row 0 is exactly V[0]"
    if not np.array_equal(mask, np.tril(np.ones((n, n), dtype=bool))):
        hint = f"Likely cause: causal_mask({n}) is not lower-triangular with its diagonal. " + hint
    else:
        hint = _hint(out, Q, K, V, mask, hint)
    assert_close(out, _sdpa(Q, K, V, is_causal=True), RTOL, ATOL, what, hint)


def test_causal_attention_never_reads_a_later_value(student):
    rng = np.random.default_rng(13)
    n, d, d_v = 5, 4, 3
    Q, K, V = _normal(rng, n, d), _normal(rng, n, d), _normal(rng, n, d_v)
    mask = expect_array(student.causal_mask(n), f"{CAUSAL} for n={n}", shape=(n, n), dtype="bool")
    what = f"{ATTENTION} with mask = causal_mask({n})"
    out = _attention_result(student, Q, K, V, mask, what, "for Q, K, V drawn from normal")
    V_later = V.copy()
    V_later[-1] += 100.0  # the value of the last position: only query n - 1 may read it
    changed = _attention_result(student, Q, K, V_later, mask, what, "for V[-1] moved by 100")
    # Closed form: queries 0 .. n-2 give key n-1 weight exactly 0, so their rows stay put.
    hint = (
        "Query i may read keys 0..i only, so moving the last value row may change the last "
        "output row and nothing else. causal_mask(n) must be True on and below the diagonal "
        "(np.tril); a query with no allowed key (row 0 of a strictly lower mask) gets "
        "V.mean(axis=0), which reads the future too"
    )
    if np.array_equal(mask, np.triu(np.ones((n, n), dtype=bool))):
        hint = "causal_mask is the upper triangle: each query reads the future. " + hint
    assert_close(
        changed[:-1], out[:-1], RTOL, ATOL, f"{what}, rows 0..{n - 2} after V[-1] += 100", hint
    )
