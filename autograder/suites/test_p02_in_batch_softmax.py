"""Grading suite for p02_in_batch_softmax.

The student writes `in_batch_loss(u, v, log_q=None, temperature=0.05)` (PyTorch) and
`in_batch_loss_np(u, v, log_q=None, temperature=0.05)` (NumPy), plus the optional follow-up
`CountMinSketch(width, depth, seed=0)` with `add(item, count=1)` and `estimate(item)`.
Letters: B (user, positive-item) pairs, d embedding dim; u and v are (B, d), row i of u and row i
of v are a positive pair; log_q is (B,), the log sampling probability of the item in column j.

Every expected value is computed in this file from the math, never from a solution:
    s = (u @ v.T) / temperature - log_q[None, :]             (B, B), log_q per item COLUMN
    logsumexp(row) = m + log(sum_j exp(row_j - m)),  m = max_j row_j   (cannot overflow)
    loss = mean over rows i of (logsumexp(s_i) - s_ii)        labels = arange(B)
in float64 NumPy, or with torch.nn.functional.cross_entropy run here in the trusted process;
gradients against central differences of the float64 oracle; the sketch against exact counts
of the stream it was fed. Each test is named for the gotcha it catches. Categories and points
live in grading.yml.
"""

import math
from typing import NoReturn

import numpy as np
import torch
import torch.nn.functional as F

from autograder.checks import (
    assert_close,
    central_differences,
    describe,
    expect_array,
    expect_finite,
    expect_scalar,
)
from autograder.sandbox.protocol import Unsupported

NP_LOSS = "`in_batch_loss_np`"
TORCH_LOSS = "`in_batch_loss`"
SKETCH = "`CountMinSketch`"

# Float64 reaches ~1e-15 on these values; 1e-9 leaves room for any order of summation.
RTOL, ATOL = 1e-9, 1e-12
# On ordinary inputs a `+ 1e-12` guard inside the log moves the loss by ~1e-12 / p (~1e-8
# here). That guard is judged by the stability tests, where it really breaks; every error the
# correctness tests look for moves the loss by more than 0.05.
LOSS_RTOL = 1e-7

# Item popularity for the log_q tests: two head items, three tail items.
POPULARITY = np.array([0.3, 0.001, 0.05, 0.002, 0.2])
POPULARITY_TEXT = "a batch of 5 with item probabilities Q = [0.3, 0.001, 0.05, 0.002, 0.2]"


# ---- float64 oracles (the math above) --------------------------------------------------------


def _logsumexp_rows(z: np.ndarray) -> np.ndarray:
    """log(sum_j exp(z[i, j])) for each row, shifted by the row max so nothing overflows."""
    m = z.max(axis=1, keepdims=True)  # (B, 1)
    return (m + np.log(np.exp(z - m).sum(axis=1, keepdims=True)))[:, 0]  # (B,)


def _logits(u, v, log_q=None, temperature=0.05, how="column"):
    """The (B, B) logits; `how` also builds the common mistakes, for the messages."""
    z = (u @ v.T) / temperature  # (B, B)
    if log_q is None:
        return z
    if how == "column":  # the correction: item j's column loses log Q(j)
        return z - log_q[None, :]
    if how == "added":
        return z + log_q[None, :]
    if how == "row":  # a per-row constant: softmax of each row is unchanged by it
        return z - log_q[:, None]
    if how == "negatives":  # the positives on the diagonal left uncorrected
        return z - log_q[None, :] + np.diag(log_q)
    raise ValueError(how)


def _loss_oracle(u, v, log_q=None, temperature=0.05, labels=None, how="column") -> float:
    z = _logits(u, v, log_q, temperature, how)  # (B, B)
    rows = np.arange(len(z))
    labels = rows if labels is None else labels
    return float(np.mean(_logsumexp_rows(z) - z[rows, labels]))


def _torch_oracle(u, v, log_q=None, temperature=0.05) -> float:
    """torch.nn.functional.cross_entropy in this process, float64, as a second oracle."""
    z = (torch.from_numpy(u) @ torch.from_numpy(v).T) / temperature  # (B, B)
    if log_q is not None:
        z = z - torch.from_numpy(log_q)[None, :]
    return float(F.cross_entropy(z, torch.arange(len(u))))


# ---- small helpers ---------------------------------------------------------------------------


def _fail(message: str) -> NoReturn:
    """Fail the test with `message` for the student, its first letter capitalised."""
    raise AssertionError(message[:1].upper() + message[1:])


def _pairs(seed: int, batch: int, dim: int, scale: float = 0.3):
    """u, v: (B, d) float64, row i of each a positive pair."""
    rng = np.random.default_rng(seed)
    return rng.normal(scale=scale, size=(batch, dim)), rng.normal(scale=scale, size=(batch, dim))


def _near(a: float, b: float, rtol: float = 1e-6) -> bool:
    return abs(a - b) <= rtol * abs(b) + 1e-12


def _call_np(student, u, v, log_q=None, temperature=None) -> float:
    """`in_batch_loss_np` on float64 arrays; the loss as a float (temperature=None: default)."""
    if temperature is None:
        value = student.in_batch_loss_np(u, v, log_q)
    else:
        value = student.in_batch_loss_np(u, v, log_q, temperature=temperature)
    return expect_scalar(value, f"the loss returned by {NP_LOSS}")


def _expect_loss_tensor(value: object, name: str, dtype: torch.dtype | None = None) -> float:
    """The torch loss must be a 0-d floating tensor (what F.cross_entropy returns)."""
    if value is None:
        _fail(f"{name} is None, expected a 0-d torch tensor: is a `return` missing?")
    if isinstance(value, Unsupported):
        _fail(f"{name} is a {value.type_name}, expected a 0-d torch tensor")
    if isinstance(value, int | float | np.generic | np.ndarray):
        _fail(
            f"{name} is {describe(value)}, expected a 0-d torch tensor. A Python or NumPy "
            f"number has no autograd graph (.item(), float() or .numpy() drop it): return the "
            f"tensor itself, e.g. what F.cross_entropy returns"
        )
    if not isinstance(value, torch.Tensor):
        _fail(f"{name} is {describe(value)}, expected a 0-d torch tensor")
    if value.shape != ():
        _fail(
            f"{name} has shape {tuple(value.shape)}, expected () (a 0-d tensor): the loss is "
            f"one number, the mean over the B rows"
        )
    if not value.is_floating_point():
        _fail(f"{name} has dtype {value.dtype}, expected a floating-point tensor")
    if dtype is not None and value.dtype != dtype:
        _fail(
            f"{name} has dtype {value.dtype} for {dtype} inputs, expected {dtype}: keep the "
            f"dtype of u and v (no .float() or .double() inside)"
        )
    return float(value)


def _call_torch(student, u, v, log_q=None, temperature=None) -> float:
    """`in_batch_loss` on float64 tensors made from the arrays; the loss as a float."""
    lq = None if log_q is None else torch.from_numpy(log_q)
    args = (torch.from_numpy(u), torch.from_numpy(v), lq)
    if temperature is None:
        value = student.in_batch_loss(*args)
    else:
        value = student.in_batch_loss(*args, temperature=temperature)
    return _expect_loss_tensor(value, f"the loss returned by {TORCH_LOSS}", torch.float64)


def _hint(got: float, u, v, log_q, temperature, default_used=False) -> str:
    """The likely cause of a wrong loss: which common mistake gives the value returned."""
    batch = len(u)
    t = 0.05 if temperature is None else temperature
    expected = _loss_oracle(u, v, log_q, t)
    mistakes = [
        (
            _loss_oracle(u, v, log_q, t, labels=np.zeros(batch, dtype=int)),
            "every row uses label 0. The positive of user i is item i (the diagonal): "
            "labels = arange(B)",
        ),
        (
            _loss_oracle(u, v, log_q, t, labels=np.arange(batch)[::-1]),
            "the labels are reversed (B-1, ..., 0). The positive of user i is item i: "
            "labels = arange(B)",
        ),
        (
            _loss_oracle(u, v, log_q, 1.0 / t),
            "the scores were multiplied by the temperature; divide them by it: "
            "(u @ v.T) / temperature",
        ),
        (
            _loss_oracle(u, v, log_q, 1.0),
            "the temperature was ignored (the scores are not divided by it)",
        ),
        (batch * expected, f"it is {batch} (= B) times too large: summed instead of averaged"),
    ]
    if default_used:  # checked first: it gives the same value as an ignored temperature
        mistakes.insert(
            0,
            (
                _loss_oracle(u, v, log_q, 1.0),
                "the default temperature is not 0.05: keep `temperature=0.05` in the signature",
            ),
        )
    if log_q is not None:
        mistakes += [
            (
                _loss_oracle(u, v, log_q, t, how="added"),
                "log_q was added; the correction subtracts it: s[i, j] - log_q[j]",
            ),
            (
                _loss_oracle(u, v, log_q, t, how="row"),
                "log_q made no difference. Subtracting it per row (log_q[:, None]) changes no "
                "row's softmax; it belongs to the item columns: scores - log_q[None, :]",
            ),
            (
                _loss_oracle(u, v, log_q, t, how="negatives"),
                "log_q was subtracted from the negatives only. The positive s[i, i] sits in "
                "column i and loses log_q[i] too: scores - log_q[None, :] on the whole matrix",
            ),
        ]
    for value, cause in mistakes:
        if _near(got, value) and not _near(value, expected):
            return f"Likely cause: {cause}"
    return (
        "loss = mean over users i of logsumexp_j(s[i, j]) - s[i, i], with "
        "s = (u @ v.T) / temperature - log_q[None, :]"
    )


def _check_both(student, u, v, log_q, temperature, what) -> None:
    """Both functions against the float64 log-sum-exp oracle, NumPy first."""
    expected = _loss_oracle(u, v, log_q, temperature)
    for name, call in ((NP_LOSS, _call_np), (TORCH_LOSS, _call_torch)):
        got = call(student, u, v, log_q, temperature)
        expect_finite(got, f"the loss returned by {name}", f"Inputs: {what}")
        hint = _hint(got, u, v, log_q, temperature)
        assert_close(
            got, expected, LOSS_RTOL, ATOL, f"the loss returned by {name} for {what}", hint
        )


# ---- shapes ----------------------------------------------------------------------------------

# B != d on purpose, plus a single pair and a wide batch.
SIZES = [(1, 3), (4, 7), (7, 4), (64, 16)]


def test_np_loss_is_a_single_number(student):
    for seed, (batch, dim) in enumerate(SIZES):
        u, v = _pairs(seed, batch, dim)
        log_q = np.log(np.random.default_rng(seed).dirichlet(np.ones(batch)))  # (B,)
        for lq in (None, log_q):
            what = f"B = {batch}, d = {dim}" + ("" if lq is None else ", with log_q")
            expect_scalar(student.in_batch_loss_np(u, v, lq), f"the loss of {NP_LOSS} for {what}")


def test_torch_loss_is_a_0d_tensor(student):
    for seed, (batch, dim) in enumerate(SIZES):
        u, v = _pairs(seed, batch, dim)
        log_q = np.log(np.random.default_rng(seed).dirichlet(np.ones(batch)))  # (B,)
        for dtype in (torch.float64, torch.float32):
            args = (torch.from_numpy(u).to(dtype), torch.from_numpy(v).to(dtype))
            lq = torch.from_numpy(log_q).to(dtype)
            what = f"{dtype} inputs, B = {batch}, d = {dim}"
            _expect_loss_tensor(
                student.in_batch_loss(*args, lq),
                f"the loss of {TORCH_LOSS} for {what}",
                torch.float64 if dtype == torch.float64 else None,
            )


def test_torch_loss_keeps_float32_inputs_in_float32(student):
    u, v = _pairs(16, 4, 3)
    log_q = np.log(POPULARITY[:4] / POPULARITY[:4].sum())  # (B,)
    for lq in (None, log_q):
        args = (torch.from_numpy(u).float(), torch.from_numpy(v).float())
        lq_t = None if lq is None else torch.from_numpy(lq).float()
        what = "float32 u, v" + ("" if lq is None else " and log_q") + ", B = 4, d = 3"
        _expect_loss_tensor(
            student.in_batch_loss(*args, lq_t),
            f"the loss of {TORCH_LOSS} for {what}",
            torch.float32,
        )


# ---- correctness -----------------------------------------------------------------------------


def test_np_loss_matches_logsumexp_oracle(student):
    cases = [(0, 4, 3, False, None), (1, 6, 5, True, 0.1), (2, 3, 8, True, None)]
    for seed, batch, dim, with_log_q, temperature in cases:
        u, v = _pairs(seed, batch, dim)
        log_q = (
            np.log(np.random.default_rng(seed).dirichlet(np.ones(batch))) if with_log_q else None
        )
        t_text = "the default temperature" if temperature is None else f"temperature {temperature}"
        what = f"B = {batch}, d = {dim}, {t_text}" + (", with log_q" if with_log_q else "")
        got = _call_np(student, u, v, log_q, temperature)
        expect_finite(got, f"the loss returned by {NP_LOSS}", f"Inputs: {what}")
        expected = _loss_oracle(u, v, log_q, 0.05 if temperature is None else temperature)
        hint = _hint(got, u, v, log_q, temperature, default_used=temperature is None)
        assert_close(got, expected, LOSS_RTOL, ATOL, f"the loss of {NP_LOSS} for {what}", hint)


def test_torch_loss_matches_torch_cross_entropy(student):
    cases = [(3, 4, 3, False, None), (4, 6, 5, True, 0.1), (5, 3, 8, True, None)]
    for seed, batch, dim, with_log_q, temperature in cases:
        u, v = _pairs(seed, batch, dim)
        log_q = (
            np.log(np.random.default_rng(seed).dirichlet(np.ones(batch))) if with_log_q else None
        )
        t_text = "the default temperature" if temperature is None else f"temperature {temperature}"
        what = f"B = {batch}, d = {dim}, {t_text}" + (", with log_q" if with_log_q else "")
        got = _call_torch(student, u, v, log_q, temperature)
        expect_finite(got, f"the loss returned by {TORCH_LOSS}", f"Inputs: {what}")
        # Oracle: F.cross_entropy on float64 logits built here, labels arange(B).
        expected = _torch_oracle(u, v, log_q, 0.05 if temperature is None else temperature)
        hint = _hint(got, u, v, log_q, temperature, default_used=temperature is None)
        assert_close(got, expected, LOSS_RTOL, ATOL, f"the loss of {TORCH_LOSS} for {what}", hint)


def test_positives_are_the_diagonal_labels_arange_b(student):
    # Scores of order 1 / 0.5: which entry of each row is the positive changes the loss by O(1).
    u, v = _pairs(6, 5, 3, scale=1.0)
    _check_both(student, u, v, None, 0.5, "B = 5 random pairs, temperature 0.5")


def test_loss_is_log_b_when_all_scores_tie(student):
    # Closed form: all-zero user vectors make every score 0, so each row's softmax is uniform,
    # -log(1/B) = log B, at any temperature; a uniform Q shifts every column alike.
    batch, dim = 6, 4
    u = np.zeros((batch, dim))
    v = np.random.default_rng(7).normal(size=(batch, dim))
    uniform = np.full(batch, math.log(1.0 / batch))  # (B,)
    for name, call in ((NP_LOSS, _call_np), (TORCH_LOSS, _call_torch)):
        for log_q in (None, uniform):
            what = "all scores 0, B = 6" + ("" if log_q is None else ", uniform log_q")
            got = call(student, u, v, log_q, 0.05)
            expect_finite(got, f"the loss returned by {name}", f"Inputs: {what}")
            hint = "Every row is a uniform softmax over the B items, so the loss is log B"
            if _near(got, batch * math.log(batch)):
                hint = "It is B * log B: the row losses were summed instead of averaged"
            elif _near(got, math.log10(batch)) or _near(got, math.log2(batch)):
                hint = "Use the natural log (np.log / torch.log), not log10 or log2"
            assert_close(
                got, math.log(batch), LOSS_RTOL, ATOL, f"the loss of {name} for {what}", hint
            )


def test_loss_is_zero_for_a_batch_of_one_pair(student):
    # Closed form: with B = 1 each row's softmax has one class, its probability is 1 and the
    # loss is exactly 0, whatever the score, the temperature and log_q. atol 1e-9 lets a
    # `+ 1e-12` guard inside the log through (-log(1 + 1e-12) = -1e-12): the stability tests
    # judge that guard; the mistakes looked for here give -inf, nan or O(1).
    u, v = _pairs(17, 1, 3, scale=1.0)
    for name, call in ((NP_LOSS, _call_np), (TORCH_LOSS, _call_torch)):
        for log_q in (None, np.log([0.3])):
            what = "a batch of B = 1 pair" + ("" if log_q is None else ", log_q = [log 0.3]")
            got = call(student, u, v, log_q, 0.05)
            expect_finite(
                got,
                f"the loss returned by {name}",
                f"Inputs: {what}. The softmax of a row runs over all B items, the positive "
                f"included; a denominator over the negatives only (j != i) is empty at B = 1, "
                f"and log(0) = -inf",
            )
            assert_close(
                got,
                0.0,
                0.0,
                1e-9,
                f"the loss of {name} for {what}",
                "One item in the batch: it is the positive, its softmax probability is 1 and "
                "-log 1 = 0. The denominator must include the positive itself",
            )


def test_log_q_corrects_the_positive_logit_too(student):
    # The positive s[i, i] sits in column i, so it loses log_q[i] like every other entry of
    # that column. Leaving the diagonal uncorrected moves this batch's loss by about 2.
    u, v = _pairs(18, 5, 3)
    log_q = np.log(POPULARITY)  # (B,)
    assert (
        abs(  # the set-up: the mistake is visible
            _loss_oracle(u, v, log_q, 0.05, how="negatives") - _loss_oracle(u, v, log_q, 0.05)
        )
        > 0.5
    )
    _check_both(student, u, v, log_q, 0.05, POPULARITY_TEXT)


def _expect_unchanged(after: tuple, before: tuple, names: tuple, function: str) -> None:
    """Each argument as the worker holds it after the call must equal what was sent."""
    for arg, sent, now in zip(names, before, after, strict=True):
        now = now.numpy() if isinstance(now, torch.Tensor) else now
        if isinstance(now, np.ndarray) and now.shape == sent.shape and np.array_equal(now, sent):
            continue
        detail = f"it is now {describe(now)}"
        if isinstance(now, np.ndarray) and now.shape == sent.shape:
            where = tuple(int(k) for k in np.argwhere(now != sent)[0])
            detail = f"{arg}{list(where)} was {sent[where]:.6g} and is now {now[where]:.6g}"
        _fail(
            f"{function} changed its `{arg}` argument in place: {detail}. The caller's "
            f"embeddings must stay as they were (the contract: neither function modifies its "
            f"inputs). Likely cause: an in-place operation on an input, such as u /= "
            f"temperature or v.div_(temperature); divide the scores instead, "
            f"(u @ v.T) / temperature, which makes a new array"
        )


def test_np_loss_leaves_its_inputs_unchanged(student):
    u, v = _pairs(19, 4, 3)
    log_q = np.log(POPULARITY[:4] / POPULARITY[:4].sum())  # (B,)
    got, after = student.call_seeing_inputs("in_batch_loss_np", u, v, log_q, temperature=0.05)
    expect_scalar(got, f"the loss returned by {NP_LOSS}")
    _expect_unchanged(after, (u, v, log_q), ("u", "v", "log_q"), NP_LOSS)


def test_torch_loss_leaves_its_inputs_unchanged(student):
    u, v = _pairs(20, 4, 3)
    log_q = np.log(POPULARITY[:4] / POPULARITY[:4].sum())  # (B,)
    tensors = [torch.from_numpy(x.copy()) for x in (u, v, log_q)]
    got, after = student.call_seeing_inputs("in_batch_loss", *tensors, temperature=0.05)
    _expect_loss_tensor(got, f"the loss returned by {TORCH_LOSS}", torch.float64)
    _expect_unchanged(after, (u, v, log_q), ("u", "v", "log_q"), TORCH_LOSS)


def _direction_hint(name: str, base: float, got: float, expected: float) -> str:
    """Say how the correction moved the student's loss against how it should move it."""
    should = "up" if expected > base else "down"
    moved = "up" if got > base else "down"
    if _near(got, base):
        moved = "nowhere"
    return (
        f"With log_q the loss of {name} should go {should}, from {base:.6f} (no correction) to "
        f"{expected:.6f}; yours went {moved}, to {got:.6f}"
    )


def _check_log_q_effect(student, seed: int, what: str) -> None:
    """Loss without and with log_q, both functions: the change must be the oracle's."""
    u, v = _pairs(seed, 5, 3)
    log_q = np.log(POPULARITY)  # (B,)
    expected = _loss_oracle(u, v, log_q, 0.05)
    for name, call in ((NP_LOSS, _call_np), (TORCH_LOSS, _call_torch)):
        base = call(student, u, v, None, 0.05)
        expect_finite(base, f"the loss returned by {name}", f"Inputs: {what}, without log_q")
        assert_close(
            base,
            _loss_oracle(u, v, None, 0.05),
            LOSS_RTOL,
            ATOL,
            f"the loss of {name} for {what}, without log_q",
            _hint(base, u, v, None, 0.05),
        )
        got = call(student, u, v, log_q, 0.05)
        expect_finite(got, f"the loss returned by {name}", f"Inputs: {what}, with log_q")
        hint = _direction_hint(name, base, got, expected) + ". " + _hint(got, u, v, log_q, 0.05)
        assert_close(
            got, expected, LOSS_RTOL, ATOL, f"the loss of {name} for {what}, with log_q", hint
        )


def test_log_q_correction_is_subtracted_not_added(student):
    # Seed 4 is a batch where the correction lowers the loss (by 0.37) and adding log_q
    # would raise it (by 2.3): the two directions disagree, so the sign shows.
    _check_log_q_effect(student, 4, POPULARITY_TEXT)


def test_log_q_is_subtracted_per_item_column_not_per_row(student):
    # A per-row constant leaves every row's softmax, hence the loss, exactly as it was: so a
    # per-row correction is invisible on one loss value. What shows it is the change the
    # correction makes: the oracle moves this batch's loss up by 2.3; per row moves it by 0.
    _check_log_q_effect(student, 7, POPULARITY_TEXT)


def test_temperature_divides_the_scores(student):
    u, v = _pairs(10, 5, 4)
    for temperature in (0.05, 0.5, 2.0):
        _check_both(student, u, v, None, temperature, f"temperature {temperature}")


# ---- count-min sketch (optional follow-up) ---------------------------------------------------


def probe_count_min_sketch(ns, width, depth, seed, stream, queries):
    """Build the student's sketch, feed it the stream, return its estimates for the queries."""
    sketch = ns["CountMinSketch"](width, depth, seed=seed)
    for item, count in stream:
        if count == 1:
            sketch.add(item)  # the default count
        else:
            sketch.add(item, count)
    return [sketch.estimate(item) for item in queries]


def _estimates(student, width, depth, seed, stream, queries) -> list[float]:
    got = student.probe(
        probe_count_min_sketch,
        for_function="CountMinSketch",
        width=width,
        depth=depth,
        seed=seed,
        stream=stream,
        queries=queries,
    )
    if not isinstance(got, list) or len(got) != len(queries):
        _fail(f"{SKETCH} could not be driven: got {describe(got)} for {len(queries)} queries")
    return [
        expect_scalar(value, f"`estimate({item})`")
        for item, value in zip(queries, got, strict=True)
    ]


def _skewed_stream(seed: int):
    """A stream of N = 10000 counts: 9 heavy items of 1050 each, 291 light ones of 550 in all.

    Returns (true counts by item, [[item, count], ...] events in random order). Heavy items come
    in chunks of 1 to 59 (the `count` argument), light ones one at a time.
    """
    rng = np.random.default_rng(seed)
    ids = [int(x) for x in rng.choice(10**9, size=300, replace=False)]
    heavy, light = ids[:9], ids[9:]
    light_counts = np.ones(len(light), dtype=int)  # (291,) every light item at least once
    np.add.at(light_counts, rng.choice(len(light), size=550 - len(light)), 1)
    true = {item: 1050 for item in heavy}
    true.update({item: int(c) for item, c in zip(light, light_counts, strict=True)})
    events = []
    for item in heavy:
        left = 1050
        while left:
            chunk = min(left, int(rng.integers(1, 60)))
            events.append([item, chunk])
            left -= chunk
    for item, c in zip(light, light_counts, strict=True):
        events += [[item, 1]] * int(c)
    order = rng.permutation(len(events))
    return true, [events[i] for i in order]


def _unseen(seed: int, true: dict, count: int) -> list[int]:
    rng = np.random.default_rng(seed)
    return [int(x) for x in rng.choice(10**9, size=count) if int(x) not in true]


def test_sketch_counts_a_lone_item_exactly(student):
    # Closed form: with one distinct item there is nothing to collide with; every counter it
    # touches holds exactly its count, and an empty sketch holds zeros.
    empty = _estimates(student, 8, 4, 3, [], [42, 7])
    assert_close(
        np.array(empty),
        np.zeros(2),
        0.0,
        1e-9,
        f"`estimate` of items 42 and 7 on a fresh {SKETCH}(8, 4, seed=3)",
        "Nothing was added, so every counter is 0",
    )
    stream = [[42, 1], [42, 5], [42, 1], [42, 3]]
    (got,) = _estimates(student, 8, 4, 3, stream, [42])
    hint = "add(item, count) adds `count` to one counter per row; estimate is the min over rows"
    if _near(got, 4.0):
        hint = "It counts 4 calls, not 10: add(item, count) must add `count`, not 1"
    elif _near(got, 40.0):
        hint = "It is depth (4) times too large: take the min over the rows, not the sum"
    assert_close(
        got, 10.0, 0.0, 1e-9, "`estimate(42)` after add(42), add(42, 5), add(42), add(42, 3)", hint
    )


def probe_sketch_twice(ns, width, depth, seed, stream, queries):
    """Two sketches built with the same seed and fed the same stream: both lists of estimates,
    as the student's `estimate` returns them."""
    results = []
    for _ in range(2):
        sketch = ns["CountMinSketch"](width, depth, seed=seed)
        for item, count in stream:
            sketch.add(item, count)
        results.append([sketch.estimate(item) for item in queries])
    return results


def _small_stream(seed: int) -> tuple[list, list]:
    """40 distinct ids with counts 1 to 5, as [[item, count], ...]; the ids as queries."""
    rng = np.random.default_rng(seed)
    items = [int(x) for x in rng.choice(10**9, size=40, replace=False)]
    return [
        [item, int(c)] for item, c in zip(items, rng.integers(1, 6, size=40), strict=True)
    ], items


def test_sketch_estimate_is_an_int(student):
    stream, queries = _small_stream(21)
    got = student.probe(
        probe_count_min_sketch,
        for_function="CountMinSketch",
        width=16,
        depth=3,
        seed=1,
        stream=stream[:5],
        queries=queries[:5],
    )
    if not isinstance(got, list) or len(got) != 5:
        _fail(f"{SKETCH} could not be driven: got {describe(got)} for 5 queries")
    for item, value in zip(queries[:5], got, strict=True):
        if isinstance(value, int | np.integer) and not isinstance(value, bool | np.bool_):
            continue
        _fail(
            f"`estimate({item})` is {describe(value)}, expected an int: the statement's "
            f"estimate is a count. Likely cause: a float table (np.zeros((depth, width)) is "
            f"float64); use integer counters, np.zeros((depth, width), dtype=np.int64) or "
            f"[[0] * width for _ in range(depth)], or return int(...)"
        )


def test_sketch_hashes_are_reproducible_for_a_given_seed(student):
    # Width 5 for 40 items: every counter is shared, so the estimates depend on which hashes
    # were drawn, and two sketches with the same seed must draw the same ones.
    stream, queries = _small_stream(22)
    first, second = student.probe(
        probe_sketch_twice,
        for_function="CountMinSketch",
        width=5,
        depth=3,
        seed=9,
        stream=stream,
        queries=queries,
    )
    first = [expect_scalar(x, "`estimate` of the first sketch") for x in first]
    second = [expect_scalar(x, "`estimate` of the second sketch") for x in second]
    differ = [k for k in range(len(queries)) if first[k] != second[k]]
    if not differ:
        return
    k = differ[0]
    _fail(
        f"Two sketches built as {SKETCH}(5, 3, seed=9) and fed the same stream of 40 items "
        f"disagree on {len(differ)} of 40 estimates, e.g. `estimate({queries[k]})` = "
        f"{first[k]:g} and {second[k]:g}; expected the same sketch twice. Likely cause: the "
        f"hashes are drawn without the seed (np.random.default_rng() or random.randint "
        f"unseeded): draw a_r, b_r from np.random.default_rng(seed)"
    )


def test_sketch_never_underestimates(student):
    true, stream = _skewed_stream(11)
    queries = list(true) + _unseen(12, true, 20)
    got = _estimates(student, 27, 20, 5, stream, queries)
    for item, estimate in zip(queries, got, strict=True):
        count = true.get(item, 0)
        assert estimate >= count - 1e-9, (
            f"`estimate({item})` after a stream of N = 10000 counts (width 27, depth 20): got "
            f"{estimate:g}, expected at least the true count {count}. A count-min sketch never "
            f"undercounts: each row's counter for the item holds its own count plus whatever "
            f"collides with it, so the min over rows is >= the true count. Likely cause: "
            f"add(item, count) ignores `count`, something is subtracted, or rows are combined "
            f"some other way than min"
        )


# The bound: estimate <= true + (e / width) * N for each query with probability >= 1 - e^-depth
# (Markov's inequality in each row, rows hashed independently). Over the queries the expected
# fraction that break it is <= e^-20 = 2.1e-9, so by Markov again a correct sketch has more than
# 10 % of them out of bound with probability <= 2.1e-9 / 0.1 = 2.1e-8 (< 1e-6), whatever
# correlation the shared hash functions create between queries. The stream makes the bound
# tight: its 9 heavy items each hold 1050 > (e / 27) * 10000 = 1006.8, so one row whose bucket
# holds a heavy item breaks it; in any single row about 29 % of the light items share a bucket
# with one. Rows that are all the same hash, or a max over rows, break it for ~17-30 % or
# ~100 % of the queries; honest hashes (the affine family, tuple hash, md5) stay below 3.2 %.
SKETCH_WIDTH, SKETCH_DEPTH, OUT_OF_BOUND_LIMIT = 27, 20, 0.10


def test_sketch_error_within_e_over_width_times_n(student):
    true, stream = _skewed_stream(13)
    queries = list(true) + _unseen(14, true, 20)
    got = _estimates(student, SKETCH_WIDTH, SKETCH_DEPTH, 7, stream, queries)
    total = sum(true.values())
    slack = math.e / SKETCH_WIDTH * total
    out = [
        (item, estimate)
        for item, estimate in zip(queries, got, strict=True)
        if estimate > true.get(item, 0) + slack + 1e-9
    ]
    fraction = len(out) / len(queries)
    if fraction <= OUT_OF_BOUND_LIMIT:
        return
    item, estimate = out[0]
    _fail(
        f"{SKETCH}(width={SKETCH_WIDTH}, depth={SKETCH_DEPTH}) after a stream of N = {total}: "
        f"{len(out)} of {len(queries)} estimates ({fraction:.0%}) exceed true + (e / width) * N "
        f"= true + {slack:.1f}, e.g. `estimate({item})` = {estimate:g} for a true count of "
        f"{true.get(item, 0)}; expected at most {OUT_OF_BOUND_LIMIT:.0%} (a correct sketch "
        f"breaks the bound for each query with probability <= e^-depth = 2e-9). Likely cause: "
        f"the rows are not independent (the same hash, or hashes that collide together, in "
        f"every row: draw a, b per row for ((a * x + b) mod p) mod width), or the rows are "
        f"combined with max or sum instead of min"
    )


# ---- stability -------------------------------------------------------------------------------

# u . v = +-500 at temperature 0.05: logits of +-1e4. Row 0: [1e4, -1e4], label 0 -> loss 0;
# row 1: [1e4, -1e4], label 1 -> 2e4 (its probability, e^-2e4, underflows to 0 in float64).
EXTREME_U = np.array([[20.0, 0.0, 0.0], [20.0, 0.0, 0.0]])  # (B, d) = (2, 3)
EXTREME_V = np.array([[25.0, 0.0, 0.0], [-25.0, 0.0, 0.0]])  # (B, d)
# Three pairs with log_q: logits [[1e4, 0, 1e4], [0, -1e4, 0], [-1e4, 0, -1e4]] - log Q;
# rows 1 and 2 put their positive 1e4 below the rest, so the exact loss is ~2e4 / 3.
EXTREME3_U = np.array([[20.0, 0.0], [0.0, 20.0], [-20.0, 0.0]])  # (B, d) = (3, 2)
EXTREME3_V = np.array([[25.0, 0.0], [0.0, -25.0], [25.0, 0.0]])  # (B, d)
EXTREME3_LOG_Q = np.log(np.array([0.5, 0.25, 0.25]))  # (B,)
OVERFLOW_NOTE = (
    "These scores are +-1e4 (u . v = +-500, temperature 0.05): exp(1e4) overflows to inf, and "
    "e^-2e4 underflows to 0 so log(p) is -inf. Subtract each row's max before exp (softmax is "
    "shift-invariant) and take the loss as logsumexp(row) - row[i], never as -log(p)"
)


def _stability_cases():
    return [
        ("logits [[1e4, -1e4], [1e4, -1e4]]", EXTREME_U, EXTREME_V, None),
        ("logits of +-1e4 for B = 3, with log_q", EXTREME3_U, EXTREME3_V, EXTREME3_LOG_Q),
    ]


def _stability_hint(got: float, expected: float) -> str:
    if 0.0 < got < expected / 10:
        return (
            "The loss is capped: -log(p + eps) or a clip of p can never exceed -log(eps) "
            f"({-math.log(1e-12):.2f} for eps = 1e-12) per row. Don't take the log of a "
            "probability: log p_ii = s[i, i] - logsumexp(s[i])"
        )
    return "loss = mean over rows of logsumexp(s[i]) - s[i, i], logsumexp shifted by the row max"


def test_np_loss_exact_at_scores_1e4(student):
    for what, u, v, log_q in _stability_cases():
        got = _call_np(student, u, v, log_q, 0.05)
        expect_finite(got, f"the loss returned by {NP_LOSS}", f"Inputs: {what}. {OVERFLOW_NOTE}")
        expected = _loss_oracle(u, v, log_q, 0.05)  # float64 log-sum-exp: 1e4 and ~6667
        hint = _stability_hint(got, expected)
        assert_close(got, expected, RTOL, 0.0, f"the loss of {NP_LOSS} for {what}", hint)


def test_torch_loss_exact_at_scores_1e4(student):
    for what, u, v, log_q in _stability_cases():
        got = _call_torch(student, u, v, log_q, 0.05)
        expect_finite(got, f"the loss returned by {TORCH_LOSS}", f"Inputs: {what}. {OVERFLOW_NOTE}")
        expected = _torch_oracle(u, v, log_q, 0.05)  # F.cross_entropy, float64
        hint = _stability_hint(got, expected)
        assert_close(got, expected, RTOL, 0.0, f"the loss of {TORCH_LOSS} for {what}", hint)


# ---- gradient --------------------------------------------------------------------------------


def probe_in_batch_loss_autograd(ns, u, v, log_q, temperature):
    """Call the student's torch loss on leaf tensors that require grad; return the loss and
    the autograd gradients w.r.t. u and v (float64), plus torch.autograd.gradcheck's verdict."""
    import torch

    loss_fn = ns["in_batch_loss"]
    u_leaf = torch.tensor(u, dtype=torch.float64, requires_grad=True)
    v_leaf = torch.tensor(v, dtype=torch.float64, requires_grad=True)
    lq = torch.tensor(log_q, dtype=torch.float64)
    loss = loss_fn(u_leaf, v_leaf, lq, temperature=temperature)
    report = {"loss": loss, "requires_grad": False, "grad_u": None, "grad_v": None}
    report["gradcheck"] = "not run"
    if not isinstance(loss, torch.Tensor) or loss.numel() != 1 or not loss.requires_grad:
        return report
    report["requires_grad"] = True
    grad_u, grad_v = torch.autograd.grad(loss.reshape(()), [u_leaf, v_leaf], allow_unused=True)
    report["grad_u"], report["grad_v"] = grad_u, grad_v
    if grad_u is not None and grad_v is not None:
        # Extra information only: this verdict was computed next to the student's code.
        inputs = (
            u_leaf.detach().clone().requires_grad_(),
            v_leaf.detach().clone().requires_grad_(),
        )
        passed = torch.autograd.gradcheck(
            lambda a, b: loss_fn(a, b, lq, temperature=temperature), inputs, raise_exception=False
        )
        report["gradcheck"] = "passed" if passed else "failed"
    return report


GRAD_CASE = {"seed": 15, "batch": 4, "dim": 3, "temperature": 0.05}
CUT_GRAPH = (
    "Likely cause: something cut the autograd graph: .detach(), .item(), .numpy() (and "
    "torch.tensor(...) to wrap the result again), or a new tensor built from values. Compute "
    "the loss with torch operations on u and v all the way (F.cross_entropy is fine)"
)


def _autograd_report(student):
    """The probe's report for GRAD_CASE, checked for form; also the inputs it was given."""
    u, v = _pairs(GRAD_CASE["seed"], GRAD_CASE["batch"], GRAD_CASE["dim"])
    log_q = np.log(np.random.default_rng(GRAD_CASE["seed"]).dirichlet(np.ones(len(u))))  # (B,)
    temperature = GRAD_CASE["temperature"]
    report = student.probe(
        probe_in_batch_loss_autograd,
        for_function="in_batch_loss",
        u=u,
        v=v,
        log_q=log_q,
        temperature=temperature,
    )
    if not isinstance(report, dict) or set(report) != {
        "loss",
        "requires_grad",
        "grad_u",
        "grad_v",
        "gradcheck",
    }:
        _fail(f"{TORCH_LOSS} could not be checked: the probe got {describe(report)}")
    name = f"the loss of {TORCH_LOSS} for u, v with requires_grad=True"
    _expect_loss_tensor(report["loss"], name, torch.float64)
    if report["requires_grad"] is not True:
        _fail(
            f"{name} does not require grad itself, so loss.backward() cannot reach u or v. "
            f"{CUT_GRAPH}"
        )
    for key, tower in (("grad_u", "u (the user tower)"), ("grad_v", "v (the item tower)")):
        if report[key] is None:
            _fail(
                f"{name}: no gradient reaches {tower}; the loss does not depend on it through "
                f"autograd. {CUT_GRAPH}"
            )
    return u, v, log_q, temperature, report


def test_torch_loss_keeps_the_autograd_graph(student):
    _autograd_report(student)


def test_torch_gradients_match_finite_differences(student):
    u, v, log_q, temperature, report = _autograd_report(student)
    loss = float(report["loss"])
    expected = _loss_oracle(u, v, log_q, temperature)
    what = f"the loss of {TORCH_LOSS} for u, v with requires_grad=True"
    assert_close(loss, expected, LOSS_RTOL, ATOL, what, _hint(loss, u, v, log_q, temperature))
    # Oracle: central differences (h = 1e-5, float64) of the log-sum-exp loss above; their
    # error here is at most 3e-9, far inside |a - n| <= 1e-7 + 1e-6 * |n| (entries 0.015 to 8).
    numeric = {
        "grad_u": central_differences(lambda x: _loss_oracle(x, v, log_q, temperature), u),
        "grad_v": central_differences(lambda x: _loss_oracle(u, x, log_q, temperature), v),
    }
    note = f"(torch.autograd.gradcheck, run beside your code: {str(report['gradcheck'])[:20]})"
    for key, tower in (("grad_u", "u"), ("grad_v", "v")):
        grad = report[key]
        grad = grad.numpy() if isinstance(grad, torch.Tensor) else grad
        label = f"the autograd gradient of {TORCH_LOSS} w.r.t. {tower}"
        grad = expect_array(grad, label, shape=u.shape, shape_note="one entry per entry of u, v")
        expect_finite(grad, label, "Inputs: embeddings drawn from normal(scale=0.3)")
        hint = (
            "The gradient must be that of mean cross-entropy over the (B, B) logits "
            "(u @ v.T) / temperature - log_q[None, :] with labels arange(B)"
        )
        causes = [
            (numeric[key] * temperature, "the chain rule through / temperature is missing"),
            (numeric[key] * len(u), f"it is {len(u)} (= B) times too large: the mean's 1 / B"),
            (-numeric[key], "the sign is flipped"),
        ]
        for candidate, cause in causes:
            if np.allclose(grad, candidate, rtol=1e-6, atol=1e-7):
                hint = f"Likely cause (a hand-written backward?): {cause}"
                break
        hint += f" {note}"
        assert_close(grad, numeric[key], 1e-6, 1e-7, f"{label} vs central differences", hint)
