"""Grading suite for p08_logistic_regression.

The student writes `sigmoid(z)`, `lr_step(X, y, w, b, lr=0.1, l2=0.0) -> (w_new, b_new, loss)`
and, as a graded follow-up, `train(X, y, lr=0.1, steps=100, l2=0.0) -> (w, b, losses)`.
Letters: n examples (rows of `X`), d features (columns); `y` holds n labels, each 0 or 1.

Every expected value is computed in this file, in float64, from the math, never from a solution:
    z = X @ w + b,  p = sigmoid(z)
    softplus(t) = log(1 + e^t) = np.logaddexp(0, t)                (cannot overflow)
    -log p = softplus(-z),  -log(1 - p) = softplus(z)
    J(w, b) = mean_i [y_i softplus(-z_i) + (1 - y_i) softplus(z_i)] + (l2 / 2) ||w||^2
              (the bias b is not regularised)
    the returned loss is J at the INPUT (w, b); the update is (w, b) - lr * grad J(w, b)
The student's gradient is read back from the update, (w - w_new) / lr and (b - b_new) / lr,
and compared with central differences (float64) of J. Each test is named for the gotcha it
catches; categories and points live in grading.yml. Updating `w` in place is allowed by the
statement: only the returned values are checked (and the suite's own arrays never leave this
process, so a mutation in the worker cannot touch the oracle).
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
)

SIGMOID = "`sigmoid(z)`"
W_NEW = "the new w (first value returned by `lr_step`)"
B_NEW = "the new b (second value returned by `lr_step`)"
LOSS = "the loss (third value returned by `lr_step`)"
W_NOTE = "one weight per feature, like the w you were given"

# Float64 reaches ~1e-15 on these values; 1e-12 leaves room for any order of evaluation. The
# absolute 1e-15 lets a sigmoid that clips z at +-500 pass: it changes p by under 1e-217,
# which cannot move p - y (the stability tests judge the loss, where clipping does break).
SIGMOID_RTOL, SIGMOID_ATOL = 1e-12, 1e-15
# On ordinary inputs a `+ 1e-12` guard inside the log moves the loss by about 1e-12 / p
# (below 1e-8 here). That guard is judged by the stability tests; every error the correctness
# tests look for moves the loss by O(0.01) or more.
LOSS_RTOL = 1e-7
# Central differences with h = 1e-5 are accurate to ~1e-10 on these inputs, and reading the
# gradient back as (w - w_new) / lr loses ~1e-15 / lr: far inside 1e-8 + 1e-6 * |n|.
GRAD_RTOL, GRAD_ATOL = 1e-6, 1e-8


# ---- float64 oracles (the math above) --------------------------------------------------------


def _softplus(t: np.ndarray) -> np.ndarray:
    return np.logaddexp(0.0, t)  # log(1 + e^t), computed by NumPy without overflow


def _sigmoid_oracle(z: np.ndarray) -> np.ndarray:
    e = np.exp(-np.abs(z))  # in (0, 1]: never overflows
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def _objective(X, y, w, b, l2) -> float:
    """Mean binary cross-entropy at (w, b) plus (l2 / 2) ||w||^2; b is not regularised."""
    z = X @ w + b  # (n,)
    bce = np.mean(y * _softplus(-z) + (1.0 - y) * _softplus(z))
    return float(bce + 0.5 * l2 * (w @ w))


def _half_squared_error(X, y, w, b, l2) -> float:
    """The wrong loss 0.5 * mean (p - y)^2: only to name the mistake in a message."""
    p = _sigmoid_oracle(X @ w + b)  # (n,)
    return float(0.5 * np.mean((p - y) ** 2) + 0.5 * l2 * (w @ w))


def _fd_gradient(X, y, w, b, l2, loss=_objective) -> np.ndarray:
    """Central differences of `loss` with respect to (w_1, ..., w_d, b): shape (d + 1,)."""
    theta = np.append(w, b)  # (d + 1,)
    return central_differences(lambda t: loss(X, y, t[:-1], t[-1], l2), theta)


# ---- inputs ----------------------------------------------------------------------------------


def _problem(seed: int, n: int, d: int, w_scale: float = 1.0, b: float = 0.3):
    """Ordinary inputs: X ~ normal, y in {0, 1} as floats, w ~ normal(w_scale), a given b."""
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, d))  # (n, d)
    y = rng.integers(0, 2, size=n).astype(np.float64)  # (n,)
    w = rng.normal(scale=w_scale, size=d)  # (d,)
    return X, y, w, b


# ---- small helpers ---------------------------------------------------------------------------


def _split_step(result: object) -> tuple[object, object, object]:
    """`lr_step` must return three things: w_new, b_new, loss (a tuple or a list)."""
    if result is None:
        raise AssertionError(
            "`lr_step` returned None, expected (w_new, b_new, loss): is a `return` missing?"
        )
    if not isinstance(result, tuple | list) or len(result) != 3:
        raise AssertionError(
            f"`lr_step` returned {describe(result)}, expected three values: "
            "`return w_new, b_new, loss`"
        )
    return result[0], result[1], result[2]


def _step(student, X, y, w, b, what: str, **kwargs) -> tuple[np.ndarray, float, float]:
    """Call `lr_step`; check the types, shapes and finiteness of what comes back."""
    w_value, b_value, loss_value = _split_step(student.lr_step(X, y, w, b, **kwargs))
    w_new = expect_array(w_value, f"{W_NEW} {what}", shape=w.shape, shape_note=W_NOTE)
    b_new = expect_scalar(b_value, f"{B_NEW} {what}")
    loss = expect_scalar(loss_value, f"{LOSS} {what}")
    for value, name in ((w_new, W_NEW), (b_new, B_NEW), (loss, LOSS)):
        expect_finite(
            value,
            f"{name} {what}",
            "Nothing in this test is extreme (|z| < 15 for a correct step), so a nan or inf "
            "points to a division by zero or a log of 0",
        )
    return w_new, b_new, loss


def _read_gradient(w, b, w_new, b_new, lr) -> np.ndarray:
    """The gradient the student's update used: (theta - theta_new) / lr, shape (d + 1,)."""
    return (np.append(w, b) - np.append(w_new, b_new)) / lr


def _gradient_hint(X, y, w, b, l2, got: np.ndarray, numeric: np.ndarray) -> str:
    """The likely cause of a wrong gradient, from how it relates to the right one."""
    n = len(y)
    data = _fd_gradient(X, y, w, b, 0.0)  # (d + 1,) the cross-entropy part alone
    reg = np.append(l2 * w, 0.0)  # (d + 1,) d/dw of (l2 / 2) ||w||^2; nothing for b
    squared = _fd_gradient(X, y, w, b, 0.0, loss=_half_squared_error)
    causes = [
        (
            -numeric,
            "The step goes the wrong way (gradient ascent): the update is w - lr * grad, "
            "not w + lr * grad",
        ),
        (
            n * data + reg,
            f"The cross-entropy part is {n} (= n) times too large: the loss is a mean over the "
            f"examples, so grad_w = X.T @ (p - y) / n and grad_b = mean(p - y)",
        ),
        (
            squared + reg,
            "This is the squared-error gradient X.T @ ((p - y) * p * (1 - p)) / n. For "
            "cross-entropy the p * (1 - p) of the sigmoid's derivative cancels: dloss/dz = p - y",
        ),
        (
            2 * squared + reg,
            "This is the gradient of mean (p - y)^2, the squared error. For cross-entropy "
            "dloss/dz = p - y, without the factor p * (1 - p)",
        ),
    ]
    if l2 > 0:
        causes += [
            (
                data,
                "The L2 term is missing from the gradient: (l2 / 2) ||w||^2 adds l2 * w to grad_w",
            ),
            (
                data + np.append(l2 * w, l2 * b),
                "The bias is regularised too: the L2 term covers w only, so grad_b = mean(p - y)",
            ),
            (
                data + 2 * reg,
                "The L2 part is twice too large: the derivative of (l2 / 2) ||w||^2 is l2 * w",
            ),
        ]
    for candidate, cause in causes:
        if np.allclose(got, candidate, rtol=GRAD_RTOL, atol=GRAD_ATOL):
            return cause
    return (
        "The update should be w - lr * grad_w, b - lr * grad_b with grad_w = X.T @ (p - y) / n "
        "+ l2 * w and grad_b = mean(p - y), all at the input w, b"
    )


def _check_gradient(X, y, w, b, lr, l2, w_new, b_new, what: str) -> None:
    """Assert that the update used the gradient of J at the input (w, b)."""
    got = _read_gradient(w, b, w_new, b_new, lr)  # (d + 1,)
    numeric = _fd_gradient(X, y, w, b, l2)  # oracle: central differences of J, float64
    assert_close(
        got,
        numeric,
        GRAD_RTOL,
        GRAD_ATOL,
        f"the gradient (grad_w_1, ..., grad_w_d, grad_b) read back from the update as "
        f"(w - w_new) / lr, (b - b_new) / lr {what}, vs central differences of the loss",
        hint=_gradient_hint(X, y, w, b, l2, got, numeric),
    )


def _near(a: float, b: float, rtol: float = 1e-6) -> bool:
    return abs(a - b) <= rtol * abs(b) + 1e-12


def _lipschitz_step(X: np.ndarray, l2: float) -> float:
    """lr = 1 / L with L = lambda_max([X 1]^T [X 1]) / (4n) + l2, the curvature bound of J.

    With this step size gradient descent lowers J at every step (the descent lemma:
    J(theta - g / L) <= J(theta) - ||g||^2 / (2L)), so a falling loss is guaranteed.
    """
    n = X.shape[0]
    A = np.hstack([X, np.ones((n, 1))])  # (n, d + 1) the bias as a column of ones
    return 1.0 / (np.linalg.eigvalsh(A.T @ A / (4 * n)).max() + l2)


def _two_blobs(seed: int, n: int = 30):
    """Two overlapping Gaussian clouds in d = 2, labels alternating 0, 1: separable-ish."""
    rng = np.random.default_rng(seed)
    y = (np.arange(n) % 2).astype(np.float64)  # (n,)
    centres = np.where(y[:, None] == 1, 1.0, -1.0) * np.array([1.0, 0.5])  # (n, 2)
    return rng.normal(size=(n, 2)) + centres, y  # (n, 2), (n,)


def _history(value: object, steps: int) -> np.ndarray:
    """The loss history returned by `train`: a list or 1-D array of `steps` numbers."""
    name = "the loss history (third value returned by `train`)"
    if isinstance(value, list | tuple):
        numbers = [expect_scalar(v, f"entry {i} of {name}") for i, v in enumerate(value)]
        value = np.array(numbers, dtype=np.float64)
    history = expect_array(
        value, name, shape=(steps,), shape_note="one loss per step, in the order of the steps"
    )
    expect_finite(history, name, "On this data every loss is below 1")
    return history


# ---- shapes ----------------------------------------------------------------------------------


def test_sigmoid_returns_float64_array_of_the_input_shape(student):
    rng = np.random.default_rng(0)
    for n in (1, 5, 12):
        p = student.sigmoid(rng.normal(scale=3.0, size=n))
        expect_array(
            p,
            f"{SIGMOID} for z of shape ({n},)",
            shape=(n,),
            dtype="float64",
            shape_note="one probability per entry of z",
        )


def test_lr_step_returns_w_of_shape_d_and_scalar_b_and_loss(student):
    rng = np.random.default_rng(1)
    # d != n on purpose, in both directions, plus a single example and a single feature.
    # The labels come as floats in some calls and as ints in others: both are allowed.
    for n, d, label_dtype in (
        (1, 3, np.float64),
        (6, 2, np.int64),
        (2, 6, np.float64),
        (9, 1, np.int64),
    ):
        X = rng.normal(size=(n, d))  # (n, d)
        y = rng.integers(0, 2, size=n).astype(label_dtype)  # (n,)
        w = rng.normal(size=d)  # (d,)
        what = f"for X of shape {(n, d)}"
        w_value, b_value, loss_value = _split_step(student.lr_step(X, y, w, 0.5, lr=0.1, l2=0.0))
        expect_array(w_value, f"{W_NEW} {what}", shape=(d,), dtype="float64", shape_note=W_NOTE)
        expect_scalar(b_value, f"{B_NEW} {what} (the bias is one number)")
        expect_scalar(loss_value, f"{LOSS} {what} (the mean over the n examples)")


# ---- correctness -----------------------------------------------------------------------------


def test_sigmoid_matches_float64_oracle(student):
    z = np.linspace(-30.0, 30.0, 25)  # (25,) includes 0, where sigmoid is exactly 1/2
    what = f"{SIGMOID} for z from -30 to 30"
    p = expect_array(student.sigmoid(z), SIGMOID, shape=(25,), shape_note="one entry per z")
    expect_finite(p, SIGMOID, "for z between -30 and 30")
    # Oracle: 1 / (1 + e^-z) for z >= 0 and e^z / (1 + e^z) for z < 0, float64.
    expected = _sigmoid_oracle(z)
    hint = "sigmoid(z) = 1 / (1 + exp(-z)), applied to each entry"
    if np.allclose(p, 1.0 - expected, rtol=0.0, atol=1e-12):
        hint = "You return sigmoid(-z) = 1 / (1 + exp(z)): the sign of the exponent is flipped"
    assert_close(p, expected, SIGMOID_RTOL, SIGMOID_ATOL, what, hint=hint)


def test_sigmoid_leaves_its_input_z_unchanged(student):
    # |z| up to 1e4, so that an in-place clip (np.clip(z, -500, 500, out=z), z[z > 500] = 500)
    # has entries to overwrite. The statement promises a NEW array; the caller's z is only read.
    z = np.array([-1e4, -600.0, -2.5, 0.0, 1.5, 700.0, 1e4])  # (n,) = (7,)
    _, after = student.call_seeing_inputs("sigmoid", z)
    expect_inputs_unchanged(
        "sigmoid",
        ("z",),
        (z,),
        after,
        "`sigmoid` returns a new array and only reads z. Likely cause: an in-place clip such as "
        "`np.clip(z, -500, 500, out=z)` or `z[z > 500] = 500`, or the probabilities written "
        "into z; clip into a new array instead, `zc = np.clip(z, -500, 500)`",
    )


def _loss_hint(got: float, expected: float, n: int, after: float) -> str:
    """The likely cause of a wrong loss without L2, from how it relates to the right one."""
    if _near(got, n * expected):
        return f"It is {n} (= n) times too large: summed over the examples instead of averaged"
    if _near(got, -expected):
        return "The sign is flipped: the loss is -mean[y log p + (1 - y) log(1 - p)], positive"
    if _near(got, expected / math.log(10)) or _near(got, expected / math.log(2)):
        return "Use the natural log (np.log), not log10 or log2"
    if _near(got, after):
        return (
            "It is the loss at the UPDATED w_new, b_new. Return the loss at the w, b you were "
            "given: that is the point the gradient belongs to (compute it before the update)"
        )
    return (
        "loss = -mean over the examples of [y log p + (1 - y) log(1 - p)], p = sigmoid(X @ w + b)"
    )


def test_loss_is_mean_bce_at_the_input_w_and_b(student):
    X, y, w, b = _problem(seed=2, n=8, d=3)
    w_new, b_new, loss = _step(student, X, y, w, b, "for n = 8, d = 3", lr=0.5, l2=0.0)
    expected = _objective(X, y, w, b, 0.0)  # oracle: mean BCE via softplus, at the input w, b
    after = _objective(X, y, w_new, b_new, 0.0)  # what a loss taken after the update gives
    assert_close(
        loss,
        expected,
        LOSS_RTOL,
        0.0,
        f"{LOSS} for n = 8, d = 3, l2 = 0",
        hint=_loss_hint(loss, expected, 8, after),
    )


def test_logits_add_the_bias_to_every_example(student):
    rng = np.random.default_rng(9)
    X = rng.normal(size=(6, 2))  # (n, d) = (6, 2)
    y = np.array([1.0, 0.0, 0.0, 1.0, 0.0, 0.0])  # (n,) mean 1/3
    w, b, lr = np.zeros(2), 2.0, 0.5
    what = "for w = 0, b = 2 (every logit z_i = b = 2)"
    w_new, b_new, loss = _step(student, X, y, w, b, what, lr=lr, l2=0.0)
    # Closed form at w = 0: every z_i = b, so every p_i = sigmoid(b) and
    #   J = mean(y) softplus(-b) + (1 - mean(y)) softplus(b)
    #   w_new = -lr X.T @ (sigmoid(b) - y) / n,  b_new = b - lr (sigmoid(b) - mean(y)).
    p = float(_sigmoid_oracle(np.array([b]))[0])  # sigmoid(2), float64
    rate = float(y.mean())
    expected_loss = rate * float(_softplus(-b)) + (1.0 - rate) * float(_softplus(b))
    hint = "z = X @ w + b: the bias is added to every example's logit"
    if _near(loss, math.log(2)):
        hint = (
            "It is log 2, the loss at z = 0: the bias is missing from the logits. "
            "z = X @ w + b, with b added to every entry"
        )
    assert_close(loss, expected_loss, LOSS_RTOL, 0.0, f"{LOSS} {what}", hint=hint)
    expected = np.append(-lr * X.T @ (p - y) / len(y), b - lr * (p - rate))  # (d + 1,)
    assert_close(
        np.append(w_new, b_new),
        expected,
        1e-12,
        1e-12,
        f"(w_new, b_new) {what}",
        hint="At w = 0 every p_i = sigmoid(b): the p that enters p - y must come from the same "
        "logits z = X @ w + b as the loss, bias included",
    )


def test_loss_adds_half_l2_norm_of_w_not_of_b(student):
    X, y, w, b = _problem(seed=3, n=7, d=4, w_scale=1.5, b=1.2)
    l2 = 0.6
    # lr = 0 leaves w and b where they are, so only the form of the penalty is judged here;
    # where it is taken (the input w, not the updated one) is the next test's gotcha.
    _, _, loss = _step(student, X, y, w, b, "with l2 = 0.6, lr = 0", lr=0.0, l2=l2)
    bce = _objective(X, y, w, b, 0.0)  # oracle: mean BCE at the input w, b
    norm2 = float(w @ w)
    expected = bce + 0.5 * l2 * norm2  # plus (l2 / 2) ||w||^2, b not included
    mistakes = [
        (bce, "The L2 term is missing from the loss: add (l2 / 2) * ||w||^2"),
        (bce + l2 * norm2, "The L2 term lacks the 1/2: it is (l2 / 2) * ||w||^2"),
        (
            expected + 0.5 * l2 * b * b,
            "The bias is regularised too: the L2 term is (l2 / 2) * ||w||^2, w only",
        ),
        (
            bce + 0.5 * l2 * math.sqrt(norm2),
            "The L2 term uses the norm ||w||, not its square: (l2 / 2) * (w @ w)",
        ),
        (
            bce + 0.5 * l2 * norm2 / len(y),
            "The L2 term is divided by n (the lambda / (2n) convention); here it is "
            "(l2 / 2) * ||w||^2, not divided by n",
        ),
    ]
    hint = "loss = mean BCE + (l2 / 2) * ||w||^2; the bias is not regularised"
    for value, cause in mistakes:
        if _near(loss, value):
            hint = cause
            break
    assert_close(loss, expected, LOSS_RTOL, 0.0, f"{LOSS} for l2 = {l2}, b = {b}", hint=hint)


def test_loss_l2_term_uses_the_input_w_not_the_updated_one(student):
    # b = 0, so a penalty that wrongly covers b adds nothing: this test judges only WHERE the
    # penalty is taken. An in-place `w -= lr * grad_w` before the loss moves it to the new w.
    X, y, w, _ = _problem(seed=10, n=7, d=4, w_scale=1.5)
    b, l2, lr = 0.0, 0.6, 0.5
    what = f"with l2 = {l2}, lr = {lr}, b = 0"
    w_new, b_new, loss = _step(student, X, y, w, b, what, lr=lr, l2=l2)
    expected = _objective(X, y, w, b, l2)  # oracle: J at the input w, b, L2 included
    bce = _objective(X, y, w, b, 0.0)
    mistakes = [
        (
            bce + 0.5 * l2 * float(w_new @ w_new),
            "The L2 term uses the UPDATED w (e.g. after an in-place `w -= ...`). The loss is "
            "taken at the w you were given: compute it before you change w",
        ),
        (
            _objective(X, y, w_new, b_new, l2),
            "It is the loss at the UPDATED w_new, b_new. Return the loss at the input w, b "
            "(compute it before the update)",
        ),
    ]
    hint = "loss = mean BCE + (l2 / 2) * ||w||^2, both at the input w (before any update)"
    for value, cause in mistakes:
        if _near(loss, value):
            hint = cause
            break
    assert_close(loss, expected, LOSS_RTOL, 0.0, f"{LOSS} {what}", hint=hint)


def test_default_step_is_lr_0_1_without_l2(student):
    X, y, w, b = _problem(seed=4, n=6, d=3, w_scale=1.5)
    # Called without lr and l2: the defaults of the signature, lr=0.1 and l2=0.0, apply.
    w_new, b_new, loss = _step(student, X, y, w, b, "called as lr_step(X, y, w, b)")
    # Oracle: one step of 0.1 along central differences of J with l2 = 0.
    numeric = _fd_gradient(X, y, w, b, 0.0)  # (d + 1,)
    got = _read_gradient(w, b, w_new, b_new, 0.1)  # (d + 1,) if lr really was 0.1
    scale = float(got @ numeric / (numeric @ numeric))  # got = scale * numeric, if parallel
    defaults = "Keep the signature lr_step(X, y, w, b, lr=0.1, l2=0.0): lr = 0.1 and no L2"
    parallel = np.allclose(got, scale * numeric, rtol=1e-6, atol=1e-9)
    if parallel and scale > 0 and not math.isclose(scale, len(y), rel_tol=1e-6):
        hint = f"The step is {scale:.4g} times the expected one: is the default lr 0.1? {defaults}"
    else:
        hint = _gradient_hint(X, y, w, b, 0.0, got, numeric)
    assert_close(
        np.append(w_new, b_new),
        np.append(w, b) - 0.1 * numeric,
        0.0,
        1e-9,
        "(w_new, b_new) from `lr_step(X, y, w, b)` with the default lr and l2",
        hint=hint,
    )
    expected = _objective(X, y, w, b, 0.0)  # oracle: mean BCE at the input, no L2 by default
    after = _objective(X, y, w_new, b_new, 0.0)
    hint = _loss_hint(loss, expected, 6, after)
    if abs(loss - expected) > 1e-6 * expected and loss > expected:
        hint += f". Without l2 the loss has no L2 term: {defaults}"
    assert_close(loss, expected, LOSS_RTOL, 0.0, f"{LOSS} from `lr_step(X, y, w, b)`", hint=hint)


def test_repeated_steps_decrease_the_loss(student):
    X, y = _two_blobs(seed=20)  # (30, 2), (30,)
    lr = _lipschitz_step(X, 0.0)  # about 1.9 here: large, but safe (see _lipschitz_step)
    # Exact gradient descent lowers J by at least 2.6e-3 per step over these 12 steps, twelve
    # orders of magnitude above rounding: "strictly lower" needs no tolerance and cannot flake.
    w, b = np.zeros(2), 0.0
    losses = []
    for t in range(12):
        what = f"at step {t} of a training loop (lr = {lr:.3f}, l2 = 0)"
        w_new, b_new, loss = _step(student, X, y, w, b, what, lr=lr, l2=0.0)
        expected = _objective(X, y, w, b, 0.0)  # oracle: J at this step's input w, b
        assert_close(
            loss,
            expected,
            LOSS_RTOL,
            0.0,
            f"{LOSS} {what}",
            hint="The loss returned by each step is J at the w, b that step was given",
        )
        if losses and not loss < losses[-1]:
            raise AssertionError(
                f"Gradient descent with lr = 1/L = {lr:.3f} (L the curvature bound of this "
                f"convex loss) must lower the loss at every step, but step {t} starts at "
                f"{loss:.10g} after {losses[-1]:.10g}. Losses so far: "
                f"{[round(v, 6) for v in losses + [loss]]}. Likely cause: the step goes uphill "
                f"(w + lr * grad) or is too long (a gradient summed over the examples instead "
                f"of averaged)"
            )
        losses.append(loss)
        w, b = w_new, b_new  # feed the student's own step back in


def _split_train(result: object) -> tuple[object, object, object]:
    if not isinstance(result, tuple | list) or len(result) != 3:
        raise AssertionError(
            f"`train` returned {describe(result)}, expected three values: `return w, b, losses`"
        )
    return result[0], result[1], result[2]


def test_train_first_loss_is_log_2_at_w_0_b_0(student):
    X, y = _two_blobs(seed=21)  # (30, 2), (30,)
    lr, steps = _lipschitz_step(X, 0.0), 5
    _, _, history_value = _split_train(student.train(X, y, lr=lr, steps=steps, l2=0.0))
    history = _history(history_value, steps)
    # Closed form: train starts from w = 0, b = 0, where p = 1/2 for every example, so the
    # first loss (taken before the first update) is -log(1/2) = log 2 whatever the labels.
    assert_close(
        history[0],
        math.log(2),
        LOSS_RTOL,
        0.0,
        "the first loss of the history returned by `train`",
        hint="Start from w = np.zeros(d), b = 0.0 and record the loss lr_step returns, which "
        "is the loss at the w, b going into the step: the first one is log 2",
    )


def test_train_history_falls_at_every_step(student):
    X, y = _two_blobs(seed=21)  # (30, 2), (30,)
    lr, steps = _lipschitz_step(X, 0.0), 15
    _, _, history_value = _split_train(student.train(X, y, lr=lr, steps=steps, l2=0.0))
    history = _history(history_value, steps)
    # Exact gradient descent lowers J by at least 4e-4 per step here, far above rounding.
    rises = np.flatnonzero(np.diff(history) >= 0)  # steps where the loss did not fall
    assert len(rises) == 0, (
        f"The loss history of `train` (lr = 1/L = {lr:.3f}, safe for this convex loss) must "
        f"fall at every step, but it does not fall after step {int(rises[0])}: "
        f"{history[max(0, rises[0] - 1) : rises[0] + 2].tolist()}. Each step must move against "
        f"the gradient and feed the returned w, b into the next step (if tests of lr_step "
        f"fail too, fix lr_step first)"
    )


def _gradient_descent(X, y, lr: float, l2: float, steps: int) -> tuple[np.ndarray, np.ndarray]:
    """Oracle for `train`: gradient descent run here from w = 0, b = 0, each step along central
    differences of J (float64; their error, ~1e-10 per step, stays far inside the tolerances).
    Returns the `steps` losses before each update and the final (w_1, ..., w_d, b)."""
    d = X.shape[1]
    theta, history = np.zeros(d + 1), []  # (d + 1,)
    for _ in range(steps):
        history.append(_objective(X, y, theta[:-1], theta[-1], l2))
        theta = theta - lr * _fd_gradient(X, y, theta[:-1], theta[-1], l2)
    return np.array(history), theta


def _check_train(student, X, y, lr: float, l2: float, steps: int, wrong: tuple) -> None:
    """`train(X, y, lr, steps, l2)` against the oracle. `wrong` = (lr, l2, cause): the run a
    known mistake makes instead, named in the message when the history matches it."""
    result = student.train(X, y, lr=lr, steps=steps, l2=l2)
    w_value, b_value, history_value = _split_train(result)
    what = f"from `train(X, y, lr={lr:.3f}, steps={steps}, l2={l2})`"
    w = expect_array(w_value, f"the w returned by `train` {what}", shape=(2,), shape_note=W_NOTE)
    b = expect_scalar(b_value, f"the b returned by `train` {what}")
    history = _history(history_value, steps)
    expected_history, theta = _gradient_descent(X, y, lr, l2, steps)
    hint = (
        "train starts from w = np.zeros(d), b = 0.0, calls lr_step(X, y, w, b, lr, l2) `steps` "
        "times feeding each returned w, b into the next call, and records each returned loss "
        "(if tests of lr_step fail too, fix lr_step first: train is only as right as it is)"
    )
    if not np.allclose(history, expected_history, rtol=LOSS_RTOL, atol=0.0):
        wrong_lr, wrong_l2, cause = wrong
        if np.allclose(
            history, _gradient_descent(X, y, wrong_lr, wrong_l2, steps)[0], rtol=1e-9, atol=0.0
        ):
            hint = cause
    assert_close(history, expected_history, LOSS_RTOL, 0.0, f"the losses {what}", hint=hint)
    assert_close(np.append(w, b), theta, 1e-6, 1e-8, f"(w, b) {what}", hint=hint)


def test_train_passes_lr_on_to_lr_step(student):
    X, y = _two_blobs(seed=22)  # (30, 2), (30,)
    lr = _lipschitz_step(X, 0.0)  # about 1.9: far from lr_step's default 0.1
    # l2 = 0 (lr_step's default), so only the learning rate has to reach lr_step.
    cause = (
        "The run matches lr = 0.1, lr_step's default: train does not pass its lr on. Call "
        "lr_step(X, y, w, b, lr, l2)"
    )
    _check_train(student, X, y, lr, 0.0, 15, wrong=(0.1, 0.0, cause))


def test_train_passes_l2_on_to_lr_step(student):
    X, y = _two_blobs(seed=23)  # (30, 2), (30,)
    # lr = 0.1 (lr_step's default), so only the L2 strength has to reach lr_step.
    cause = (
        "The run matches l2 = 0, lr_step's default: train does not pass its l2 on. Call "
        "lr_step(X, y, w, b, lr, l2)"
    )
    _check_train(student, X, y, 0.1, 0.5, 20, wrong=(0.1, 0.0, cause))


# ---- stability -------------------------------------------------------------------------------

# X and w such that z = X @ w + b is exactly [1e4, -1e4, 1e4, -1e4]; labels wrong, wrong, right,
# right. In float64 sigmoid(1e4) = 1 and sigmoid(-1e4) = 0 exactly (e^-1e4 underflows).
EXTREME_X = np.array([[0.5, 2.0], [-0.5, 1.0], [0.5, -1.0], [-0.5, 3.0]])  # (n, d) = (4, 2)
EXTREME_W = np.array([2e4, 0.0])  # (d,)
EXTREME_Y = np.array([0.0, 1.0, 1.0, 0.0])  # (n,)
EXTREME_TEXT = "z = X @ w + b = [1e4, -1e4, 1e4, -1e4], y = [0, 1, 1, 0]"


def test_sigmoid_finite_and_exact_at_z_1e4(student):
    z = np.array([-1e4, -1000.0, -745.0, -40.0, 0.0, 40.0, 745.0, 1000.0, 1e4])
    # Oracle: each side computed from e^-|z| <= 1; e^-1e4 and e^-1000 underflow to 0, so the
    # values are exactly 0 and 1 at the ends, and sigmoid(-40) = 4.25e-18 is kept in full.
    expected = _sigmoid_oracle(z)
    p = expect_array(student.sigmoid(z), SIGMOID, shape=z.shape, shape_note="one entry per z")
    what = f"{SIGMOID} for z = {z.tolist()}"
    expect_finite(
        p,
        what,
        "exp(1e4) overflows to inf, and e^z / (1 + e^z) is then inf / inf = nan. Never "
        "exponentiate a large positive number: use 1 / (1 + exp(-z)) for z >= 0 and "
        "exp(z) / (1 + exp(z)) for z < 0, so the exponent is always <= 0",
    )
    hint = (
        "sigmoid(z) = 1 / (1 + exp(-z)) for z >= 0 and exp(z) / (1 + exp(z)) for z < 0: "
        "exact for every z, with nothing to clip"
    )
    if abs(p[3] - expected[3]) > 1e-15 or abs(p[5] - expected[5]) > 1e-15:
        hint = (
            "sigmoid(+-40) is wrong by more than 1e-15: is z clipped to a small range "
            "(np.clip(z, -30, 30))? Clipping at +-500 is harmless, a tight clip is not"
        )
    assert_close(p, expected, SIGMOID_RTOL, SIGMOID_ATOL, what, hint=hint)


def test_loss_exact_at_z_1e4(student):
    w_value, b_value, loss_value = _split_step(
        student.lr_step(EXTREME_X, EXTREME_Y, EXTREME_W, 0.0, lr=0.5, l2=0.0)
    )
    loss = expect_scalar(loss_value, LOSS)
    # Closed form: a wrong label at |z| = 1e4 costs softplus(1e4) = 1e4 + log1p(e^-1e4) = 1e4
    # in float64; a right one costs softplus(-1e4) = e^-1e4, i.e. 0. Mean over 4: 5000.
    expected = 5000.0
    what = f"{LOSS} for {EXTREME_TEXT}"
    expect_finite(
        loss,
        what,
        "The exact loss is 5000. inf or nan means exp(1e4) overflowed, or a log of p = 0 or "
        "1 - p = 0 (log(0) = -inf). Compute each example's loss from z, not from p: "
        "-log p = softplus(-z) and -log(1 - p) = softplus(z), with softplus(t) = "
        "max(t, 0) + log1p(exp(-|t|)) (np.logaddexp(0, t))",
    )
    hint = "Compute the loss from z with softplus: loss_i = softplus(z_i) - y_i * z_i"
    if 5.0 < loss < 4000.0:
        hint = (
            f"The loss is capped: -log(p + eps) can never exceed -log(eps) "
            f"({-math.log(1e-12):.2f} for eps = 1e-12), and clipping z at +-c caps each "
            f"example at c. The exact loss of a confidently wrong example grows like |z|, "
            f"and its slope is what the gradient p - y = -1 says. Don't take the log of a "
            f"probability: -log p = softplus(-z), -log(1 - p) = softplus(z)"
        )
    elif (
        isinstance(w_value, np.ndarray)
        and w_value.shape == (2,)
        and w_value.dtype.kind in "iuf"
        and isinstance(b_value, int | float | np.integer | np.floating)
    ):
        # The loss at the student's own updated point, to recognise a loss taken too late.
        after = _objective(EXTREME_X, EXTREME_Y, w_value.astype(float), float(b_value), 0.0)
        if _near(loss, after, 1e-9):
            hint = (
                "It is the loss at the UPDATED w_new, b_new: return the loss at the input "
                "w, b (compute it before the update)"
            )
    assert_close(loss, expected, 1e-9, 0.0, what, hint=hint)


def test_step_finite_and_exact_at_z_1e4(student):
    what = f"for {EXTREME_TEXT}, lr = 0.5"
    w_value, b_value, _ = _split_step(
        student.lr_step(EXTREME_X, EXTREME_Y, EXTREME_W, 0.0, lr=0.5, l2=0.0)
    )
    w_new = expect_array(w_value, f"{W_NEW} {what}", shape=(2,), shape_note=W_NOTE)
    b_new = expect_scalar(b_value, f"{B_NEW} {what}")
    cause = (
        "A sigmoid that overflows (exp(1e4) = inf, then inf / inf = nan) poisons p, the "
        "gradient and the step: exponentiate only numbers <= 0"
    )
    expect_finite(w_new, f"{W_NEW} {what}", cause)
    expect_finite(b_new, f"{B_NEW} {what}", cause)
    # Closed form: p = [1, 0, 1, 0] exactly, p - y = [1, -1, 0, 0]; grad_w = X.T @ (p - y) / 4
    # = [0.25, 0.25] and grad_b = 0, so w_new = [2e4 - 0.125, -0.125] and b_new = 0.
    exact_grad = np.array([0.25, 0.25, 0.0])  # (d + 1,)
    got = _read_gradient(EXTREME_W, 0.0, w_new, b_new, 0.5)  # (d + 1,)
    hint = "Here p = sigmoid(z) is exactly [1, 0, 1, 0], so p - y = [1, -1, 0, 0]"
    causes = [
        (4 * exact_grad, "the gradient is 4 (= n) times too large: a sum, not a mean"),
        (-exact_grad, "the step goes uphill: w - lr * grad, not w + lr * grad"),
        (0 * exact_grad, "the step is zero: a factor p * (1 - p) (squared error) vanishes here"),
    ]
    for candidate, cause in causes:
        if np.allclose(got, candidate, rtol=1e-9, atol=1e-9):
            hint += f"; {cause}"
            break
    assert_close(
        np.append(w_new, b_new),
        np.append(EXTREME_W, 0.0) - 0.5 * exact_grad,
        1e-12,
        1e-12,
        f"(w_new, b_new) {what}",
        hint=hint,
    )


# ---- gradient --------------------------------------------------------------------------------


def test_update_is_w_minus_lr_times_finite_difference_gradient(student):
    X, y, w, b = _problem(seed=5, n=7, d=3)
    w_new, b_new, _ = _step(student, X, y, w, b, "for n = 7, d = 3", lr=0.25, l2=0.0)
    _check_gradient(X, y, w, b, 0.25, 0.0, w_new, b_new, "for n = 7, d = 3, lr = 0.25, l2 = 0")


def test_gradient_is_a_mean_divided_by_n(student):
    X, y, w, b = _problem(seed=6, n=5, d=3)
    # Repeating every example 3 times leaves a mean, and so J and its gradient, unchanged.
    X3, y3 = np.vstack([X, X, X]), np.concatenate([y, y, y])  # (15, 3), (15,)
    w_once, b_once, _ = _step(student, X, y, w, b, "for n = 5", lr=0.25, l2=0.0)
    w_thrice, b_thrice, _ = _step(
        student, X3, y3, w, b, "for the same 5 examples repeated 3 times", lr=0.25, l2=0.0
    )
    got_once = _read_gradient(w, b, w_once, b_once, 0.25)  # (d + 1,)
    got_thrice = _read_gradient(w, b, w_thrice, b_thrice, 0.25)  # (d + 1,)
    hint = "The step must not depend on how many copies of the data there are"
    if np.allclose(got_thrice, 3 * got_once, rtol=1e-6, atol=1e-12):
        hint = (
            "Tripling the data tripled the step: the gradient is a sum over the examples. "
            "The loss is a mean, so divide by n: grad_w = X.T @ (p - y) / n, "
            "grad_b = mean(p - y)"
        )
    assert_close(
        got_thrice,
        got_once,
        1e-9,
        1e-12,
        "the gradient read back from the step for 5 examples repeated 3 times, vs for the "
        "5 examples once",
        hint=hint,
    )
    _check_gradient(X, y, w, b, 0.25, 0.0, w_once, b_once, "for n = 5, d = 3, lr = 0.25")


def test_l2_adds_l2_times_w_to_the_gradient_of_w(student):
    # Large w, so that l2 * w dominates the cross-entropy part of grad_w.
    X, y, w, b = _problem(seed=7, n=6, d=4, w_scale=2.0, b=1.5)
    l2, lr = 0.8, 0.25
    w_new, b_new, _ = _step(student, X, y, w, b, "with l2 = 0.8", lr=lr, l2=l2)
    got = _read_gradient(w, b, w_new, b_new, lr)  # (d + 1,)
    numeric = _fd_gradient(X, y, w, b, l2)  # oracle: central differences of J, float64
    assert_close(
        got[:-1],
        numeric[:-1],
        GRAD_RTOL,
        GRAD_ATOL,
        f"grad_w read back from the update as (w - w_new) / lr, for l2 = {l2}, vs central "
        f"differences of the loss",
        hint=_gradient_hint(X, y, w, b, l2, got, numeric),
    )


def test_l2_leaves_the_gradient_of_b_unregularised(student):
    # Large b, so that a wrong l2 * b in grad_b dominates mean(p - y).
    X, y, w, b = _problem(seed=11, n=6, d=4, w_scale=2.0, b=2.5)
    l2, lr = 0.8, 0.25
    w_new, b_new, _ = _step(student, X, y, w, b, "with l2 = 0.8, b = 2.5", lr=lr, l2=l2)
    got = _read_gradient(w, b, w_new, b_new, lr)  # (d + 1,)
    numeric = _fd_gradient(X, y, w, b, l2)  # oracle: central differences of J, float64
    hint = "The bias is not regularised: grad_b = mean(p - y) whatever l2 is"
    if math.isclose(got[-1], numeric[-1] + l2 * b, rel_tol=GRAD_RTOL, abs_tol=GRAD_ATOL):
        hint = "grad_b has the extra l2 * b: the L2 term covers w only, so grad_b = mean(p - y)"
    assert_close(
        got[-1],
        numeric[-1],
        GRAD_RTOL,
        GRAD_ATOL,
        f"grad_b read back from the update as (b - b_new) / lr, for l2 = {l2}, b = {b}, vs "
        f"central differences of the loss",
        hint=hint,
    )


def test_gradient_is_p_minus_y_not_squared_error(student):
    # Confidently wrong predictions: every label disagrees with the sign of z, 3 < |z| < 9.
    # There dBCE/dz = p - y is close to +-1, while the squared error's (p - y) p (1 - p)
    # has almost vanished: the regime where the two gradients differ most.
    X = np.array(
        [[1.0, -0.5], [2.0, 1.0], [-1.5, 0.5], [0.5, -2.0], [-2.0, -1.0], [-1.0, 2.5]]
    )  # (n, d) = (6, 2)
    w, b = np.array([3.0, -2.0]), 0.5  # z = [4.5, 4.5, -5.0, 6.0, -3.5, -7.5]
    z = X @ w + b  # (n,)
    y = (z < 0).astype(np.float64)  # (n,) the opposite of what the model predicts
    w_new, b_new, _ = _step(
        student, X, y, w, b, "for confidently wrong predictions", lr=0.25, l2=0.0
    )
    _check_gradient(
        X, y, w, b, 0.25, 0.0, w_new, b_new, f"for z = {np.round(z, 2).tolist()}, all labels wrong"
    )


def test_step_goes_downhill_not_uphill(student):
    X, y, w, b = _problem(seed=8, n=10, d=3)
    lr = 0.1  # far below 1 / L, so a step against the gradient must lower J
    w_new, b_new, _ = _step(student, X, y, w, b, "for n = 10, d = 3, lr = 0.1", lr=lr, l2=0.0)
    before = _objective(X, y, w, b, 0.0)  # oracle: J at the input
    after = _objective(X, y, w_new, b_new, 0.0)  # oracle: J where the student's step lands
    if after < before:
        return
    got = _read_gradient(w, b, w_new, b_new, lr)  # (d + 1,)
    numeric = _fd_gradient(X, y, w, b, 0.0)  # (d + 1,)
    raise AssertionError(
        f"One step of `lr_step` (lr = 0.1) raised the loss: got J = {after:.10g} after the "
        f"step, expected less than {before:.10g} before it. "
        f"{_gradient_hint(X, y, w, b, 0.0, got, numeric)}"
    )
