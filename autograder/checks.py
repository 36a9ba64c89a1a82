"""Assertion helpers shared by the per-problem suites.

Each helper checks one thing about a value that came back from the student's worker and, when
the check fails, raises AssertionError with a message written for the student: what is wrong,
"got ..., expected ...", and a hint. They run in the trusted process: NumPy and the standard
library only.

`name` arguments are noun phrases that start the message, e.g. "`softmax_rows(logits)`" or
"the loss returned by `cross_entropy`".
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any, NoReturn

import numpy as np

from autograder.sandbox.protocol import Unsupported

_DTYPE_KIND_WORDS = {
    "f": "floating-point",
    "i": "signed integer",
    "u": "unsigned integer",
    "b": "boolean",
    "c": "complex",
}


def _fail(message: str) -> NoReturn:
    """Raise the AssertionError whose message the student sees (first letter capitalised)."""
    raise AssertionError(message[:1].upper() + message[1:])


def describe(value: object) -> str:
    """Say in a few words what a returned value is: "None", "a list", "a torch.Tensor", ..."""
    if value is None:
        return "None"
    if isinstance(value, Unsupported):
        return f"a {value.type_name}"
    if isinstance(value, np.ndarray):
        return f"a NumPy {value.dtype} array of shape {value.shape}"
    if isinstance(value, np.generic):
        return f"a NumPy {value.dtype} scalar ({value.item()!r})"
    if isinstance(value, list | tuple):
        return f"a {type(value).__name__} of {len(value)} item(s)"
    if isinstance(value, bool | int | float):
        return f"a Python {type(value).__name__} ({value!r})"
    return f"a {type(value).__name__}"


def expect_array(
    value: object,
    name: str,
    shape: tuple[int, ...] | None = None,
    dtype_kind: str | None = "f",
    *,
    dtype: str | None = None,
    shape_note: str = "",
) -> np.ndarray:
    """Check that `value` is an ndarray, then its shape, then its dtype; return it.

    `dtype_kind` holds the NumPy kind letters allowed ("f" floating, "iu" any integer, ...); `dtype` (e.g.
    "float64") asks for one exact dtype instead. `shape_note` says what the axes mean
    ("one row per example") and is appended to a shape message.
    """
    if value is None:
        _fail(f"{name} is None, expected a NumPy array: is a `return` missing?")
    if isinstance(value, Unsupported):
        _fail(f"{name} is a {value.type_name}; this problem wants a NumPy array (np.ndarray)")
    if isinstance(value, list | tuple):
        _fail(
            f"{name} is {describe(value)}, expected a NumPy array: "
            "build the result with NumPy (or convert it with np.array(...) before returning)"
        )
    if not isinstance(value, np.ndarray):
        _fail(f"{name} is {describe(value)}, expected a NumPy array")
    if shape is not None and value.shape != tuple(shape):
        message = f"{name} has shape {value.shape}, expected {tuple(shape)}"
        if shape_note:
            message += f": {shape_note}"
        if value.ndim == len(shape) and value.shape == tuple(shape)[::-1] and value.ndim > 1:
            message += " (the axes look swapped: a transpose somewhere?)"
        elif value.ndim < len(shape) and 1 in shape:
            message += " (an axis of length 1 was dropped: np.squeeze, or indexing with [i]?)"
        elif value.ndim > len(shape) and 1 in value.shape:
            message += " (an extra axis of length 1: a keepdims=True or [None] too many?)"
        _fail(message)
    if dtype is not None and value.dtype != np.dtype(dtype):
        _fail(f"{name} has dtype {value.dtype}, expected {np.dtype(dtype)}")
    if dtype is None and dtype_kind is not None and value.dtype.kind not in dtype_kind:
        wanted = " or ".join(_DTYPE_KIND_WORDS.get(kind, f"kind {kind!r}") for kind in dtype_kind)
        _fail(f"{name} has dtype {value.dtype}, expected a {wanted} array")
    return value


def expect_finite(arr: object, name: str, context: str) -> None:
    """Check that every value is finite; `context` says what the inputs were and the likely cause."""
    values = np.asarray(arr, dtype=np.float64)
    bad = ~np.isfinite(values)
    if not bad.any():
        return
    if values.ndim == 0:
        _fail(f"{name} is {float(values)}, expected a finite number. {context}")
    first = tuple(int(i) for i in np.argwhere(bad)[0])
    _fail(
        f"{name} has {int(bad.sum())} non-finite value(s) out of {values.size} "
        f"(first: {float(values[first])} at index {list(first)}). {context}"
    )


def expect_scalar(value: object, name: str) -> float:
    """Check that `value` is one real number (Python, NumPy scalar or size-1 array); return a float."""
    if value is None:
        _fail(f"{name} is None, expected a number: is a `return` missing?")
    if isinstance(value, Unsupported):
        _fail(
            f"{name} is a {value.type_name}, expected a plain number "
            "(a Python float or a NumPy float)"
        )
    if isinstance(value, bool | np.bool_):
        _fail(f"{name} is a boolean ({value!r}), expected a number")
    if isinstance(value, int | float | np.integer | np.floating):
        return float(value)
    if isinstance(value, np.ndarray):
        if value.dtype.kind not in "iuf":
            _fail(f"{name} is an array of dtype {value.dtype}, expected a real number")
        if value.size != 1:
            _fail(
                f"{name} is an array of shape {value.shape}, expected a single number: "
                "reduce it to one value"
            )
        return float(value.reshape(()))
    _fail(f"{name} is {describe(value)}, expected a single number")


def assert_close(
    actual: object,
    expected: object,
    rtol: float,
    atol: float,
    what: str,
    hint: str = "",
) -> None:
    """Check |actual - expected| <= atol + rtol * |expected| everywhere; report the worst element.

    `what` names the compared values ("softmax of a (5, 8) input"); `hint` (the likely cause)
    is appended to the message when the check fails.
    """
    got = np.asarray(actual, dtype=np.float64)
    want = np.asarray(expected, dtype=np.float64)
    if got.shape != want.shape:
        _fail(f"{what}: got shape {got.shape}, expected {want.shape}. {hint}".rstrip())
    with np.errstate(invalid="ignore", over="ignore"):
        error = np.abs(got - want)
        allowed = atol + rtol * np.abs(want)
        bad = ~(error <= allowed)  # written so that nan counts as bad
        if not bad.any():
            return
        excess = np.where(np.isnan(error), np.inf, error - allowed)
    worst = np.unravel_index(int(np.argmax(excess)), got.shape)
    where = f" at index {[int(i) for i in worst]}" if got.ndim else ""
    message = (
        f"{what}: got {got[worst]:.10g}, expected {want[worst]:.10g}{where} "
        f"(|got - expected| = {error[worst]:.3g}, allowed {allowed[worst]:.3g} "
        f"= atol {atol:g} + rtol {rtol:g} * |expected|)"
    )
    if got.size > 1:
        message += f"; {int(bad.sum())} of {got.size} values are off"
    if hint:
        message += f". {hint}"
    _fail(message)


def central_differences(
    f: Callable[[np.ndarray], Any], x: np.ndarray, h: float = 1e-5
) -> np.ndarray:
    """Gradient of the scalar function `f` at `x` by central differences, in float64.

    Each entry is (f(x + h e_k) - f(x - h e_k)) / 2h; `f` gets a fresh copy of the point each
    time, so it cannot disturb later evaluations.
    """
    point = np.array(x, dtype=np.float64)
    grad = np.empty_like(point)
    for index in np.ndindex(point.shape):
        plus = point.copy()
        plus[index] += h
        minus = point.copy()
        minus[index] -= h
        grad[index] = (float(f(plus)) - float(f(minus))) / (2.0 * h)
    return grad


def expect_inputs_unchanged(
    function: str, names: tuple[str, ...], before: tuple, after: tuple, hint: str
) -> None:
    """Check that every array argument came back from `function` bit for bit as it went in.

    `before` are the arguments the suite passed, `after` what `student.call_seeing_inputs`
    returned for them, `names` their parameter names; `hint` names the likely in-place update
    and its fix. Arguments that are not arrays (k, mode, ...) are not compared.
    """
    for name, was, now in zip(names, before, after, strict=False):
        if not isinstance(was, np.ndarray):
            continue
        if (
            isinstance(now, np.ndarray)
            and now.dtype == was.dtype
            and now.shape == was.shape
            and now.tobytes() == was.tobytes()  # bit for bit
        ):
            continue
        detail = f": it is now {describe(now)}" if not isinstance(now, np.ndarray) else ""
        if isinstance(now, np.ndarray) and now.shape == was.shape:
            changed = np.argwhere(now != was)
            if len(changed):
                at = tuple(int(i) for i in changed[0])
                index = ", ".join(map(str, at))
                detail = f": {name}[{index}] was {_show(was[at])}, is now {_show(now[at])}"
        _fail(
            f"`{function}` changed its `{name}` argument in place{detail}. The caller's arrays "
            f"must stay as they were. {hint}"
        )


def _show(value: object) -> str:
    return f"{value:.10g}" if isinstance(value, float | np.floating) else repr(value.item())


# ---- goodness of fit, for the suites of randomized code --------------------------------------


def chi_square_tail(df: int, x: float) -> float:
    """P(X > x) for X chi-square distributed with `df` degrees of freedom.

    That is Q(df / 2, x / 2), the regularized upper incomplete gamma function: a power series
    for its complement below x = a + 1, a continued fraction (modified Lentz) above, where the
    tail itself is small and must keep its relative precision.
    """
    if df < 1:
        raise ValueError(f"degrees of freedom must be at least 1, got {df}")
    a, y = df / 2.0, x / 2.0
    if y <= 0.0:
        return 1.0
    log_front = a * math.log(y) - y - math.lgamma(a)  # log of y^a e^-y / Gamma(a)
    if y < a + 1.0:
        # P(a, y) = y^a e^-y / Gamma(a + 1) * sum_j y^j / ((a + 1) ... (a + j))
        term = total = 1.0 / a
        denominator = a
        while abs(term) > total * 1e-17:
            denominator += 1.0
            term *= y / denominator
            total += term
        return max(0.0, 1.0 - total * math.exp(log_front))
    # Q(a, y) = y^a e^-y / Gamma(a) * 1 / (y + 1 - a - 1 (1 - a) / (y + 3 - a - 2 (2 - a) / ...))
    tiny = 1e-300
    b = y + 1.0 - a
    c, d = 1.0 / tiny, 1.0 / b
    fraction = d
    for j in range(1, 10_000):
        an = -j * (j - a)
        b += 2.0
        d = an * d + b
        d = tiny if abs(d) < tiny else d
        c = b + an / c
        c = tiny if abs(c) < tiny else c
        d = 1.0 / d
        step = d * c
        fraction *= step
        if abs(step - 1.0) < 1e-16:
            break
    return math.exp(log_front) * fraction


def chi_square_quantile(df: int, tail: float) -> float:
    """The x with P(X > x) = `tail` for X chi-square with `df` degrees of freedom (bisection
    on `chi_square_tail`, to a relative 1e-12)."""
    if not 0.0 < tail < 1.0:
        raise ValueError(f"the tail probability must lie strictly between 0 and 1, got {tail}")
    low, high = 0.0, float(df) + 10.0
    while chi_square_tail(df, high) > tail:
        low, high = high, 2.0 * high
    while high - low > 1e-12 * high:
        middle = (low + high) / 2.0
        if chi_square_tail(df, middle) > tail:
            low = middle
        else:
            high = middle
    return (low + high) / 2.0


def expect_counts_fit(
    counts: list[int],
    probabilities: list[float],
    name: str,
    hint: str = "",
    *,
    labels: list[str] | None = None,
    false_failure: float = 1e-6,
) -> float:
    """Check observed counts against the probabilities they should follow; return chi-square.

    Pearson's statistic X^2 = sum (O - E)^2 / E over the k categories, with E = N p, is compared
    with the (1 - `false_failure`) quantile of chi-square with k - 1 degrees of freedom: a
    correct sampler fails with probability `false_failure` (the chi-square approximation, good
    when every E is large; below 5 it is refused as a bug of the calling suite). `labels` name
    the categories in the message ("index 3"); the default is the category number.
    """
    if len(counts) != len(probabilities) or len(counts) < 2:
        raise ValueError("expect_counts_fit needs one probability per count, at least two")
    draws = sum(counts)
    expected = [draws * p for p in probabilities]
    if min(expected) < 5.0:
        raise ValueError(f"expected counts below 5 make chi-square unreliable: {min(expected)}")
    statistic = sum((o - e) ** 2 / e for o, e in zip(counts, expected, strict=True))
    df = len(counts) - 1
    limit = chi_square_quantile(df, false_failure)
    if statistic <= limit:
        return statistic
    labels = labels or [f"category {i}" for i in range(len(counts))]
    # the category furthest off, in standard deviations (sqrt(E) approximates one)
    worst = max(range(len(counts)), key=lambda i: abs(counts[i] - expected[i]) / expected[i] ** 0.5)
    shown = len(counts) if len(counts) <= 12 else 10
    got = ", ".join(str(c) for c in counts[:shown]) + (", ..." if shown < len(counts) else "")
    want = ", ".join(f"{e:.0f}" for e in expected[:shown]) + (
        ", ..." if shown < len(counts) else ""
    )
    message = (
        f"{name}: over {draws} draws got counts [{got}], expected about [{want}]; furthest off: "
        f"{labels[worst]} came {counts[worst]} times where {expected[worst]:.1f} were expected. "
        f"Chi-square is {statistic:.1f} over {df} degrees of freedom, above {limit:.1f}: a "
        f"correct sampler goes that high with probability {false_failure:.1g}"
    )
    if hint:
        message += f". {hint}"
    _fail(message)


def probe_cpu_seconds(
    ns, function: str, workloads: list, rounds: int, budget_s: float
) -> list[list[float]]:
    """A probe (it runs in the worker): the CPU seconds of each workload, round after round.

    A workload is `(args, repeat)`: one measurement calls the student's `function(*args)`
    `repeat` times. Each round measures every workload once, in the order given, so the
    workloads are interleaved and whatever slows one round slows them alike; the rounds stop
    after `rounds`, or as soon as all the measurements together have used `budget_s` (so slow
    code is not run for long). The clock is `time.thread_time()`: CPU time of the calling
    thread, user and system. Time spent waiting while other processes have the core is not in
    it, so the figures do not grow with the load on the machine the way wall-clock time does.
    The worker's NumPy runs on that one thread (its BLAS is started with one thread), so it
    sees all the work of honest code. (Not `time.process_time()`: under the worker's CPU
    rlimit the kernel advances the process clock only at scheduler ticks, 4 ms here, which
    reads 0 for half a millisecond of work.) One untimed call comes first (imports and caches
    are not the algorithm), and the garbage collector is paused while timing (a collection
    would land in one measurement and not the other). Returns one list of seconds per
    workload."""
    import gc
    import time

    student_function = ns[function]
    student_function(*workloads[0][0])  # warm-up, not timed
    seconds = [[] for _ in workloads]
    collecting = gc.isenabled()
    gc.disable()
    try:
        for _ in range(rounds):
            for times, (args, repeat) in zip(seconds, workloads, strict=True):
                start = time.thread_time()
                for _ in range(repeat):
                    student_function(*args)
                times.append(time.thread_time() - start)
            if sum(map(sum, seconds)) > budget_s:
                break
    finally:
        if collecting:
            gc.enable()
    return seconds


def min_cpu_seconds(
    student, function: str, workloads: list, rounds: int, budget_s: float
) -> list[float]:
    """The fastest of the rounds of `probe_cpu_seconds` for each workload, in CPU seconds.

    The figures come from the worker, next to the student's code: they are checked for shape
    here, and a suite may only use them to fail a slow answer or pass a fast one on its own
    problem (what a submission fakes about itself costs nothing but that problem's points)."""
    seconds = student.probe(
        probe_cpu_seconds,
        for_function=function,
        function=function,
        workloads=workloads,
        rounds=rounds,
        budget_s=budget_s,
    )
    if not isinstance(seconds, list) or len(seconds) != len(workloads):
        seconds = [seconds] * len(workloads)  # reported below as what came back
    return [fastest_cpu_seconds(times, function) for times in seconds]


def fastest_cpu_seconds(times: object, function: str) -> float:
    """The smallest of the CPU times a probe reported for `function`, refused (AssertionError)
    unless they look like times: a non-empty list of finite, non-negative floats."""
    if (
        isinstance(times, list)
        and times
        and all(isinstance(t, float) and math.isfinite(t) and t >= 0 for t in times)
    ):
        return min(times)
    _fail(
        f"`{function}` could not be timed (the CPU times came back as {describe(times)}): "
        "leave the time module alone"
    )
