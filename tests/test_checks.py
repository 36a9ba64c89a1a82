"""The suites' assertion helpers say what is wrong in the student's terms."""

import math

import numpy as np
import pytest

from autograder.checks import (
    assert_close,
    central_differences,
    chi_square_quantile,
    chi_square_tail,
    expect_array,
    expect_counts_fit,
    expect_inputs_unchanged,
    expect_scalar,
    min_cpu_seconds,
    probe_cpu_seconds,
)
from autograder.sandbox.protocol import Unsupported


def message_of(call, *args, **kwargs):
    with pytest.raises(AssertionError) as caught:
        call(*args, **kwargs)
    return str(caught.value)


def test_expect_array_checks_type_then_shape_then_dtype():
    assert "is None" in message_of(expect_array, None, "`f(x)`")
    assert "torch.Tensor" in message_of(expect_array, Unsupported("torch.Tensor", "t"), "`f(x)`")
    assert "a list" in message_of(expect_array, [1.0], "`f(x)`")
    swapped = message_of(expect_array, np.zeros((7, 4)), "`f(x)`", shape=(4, 7))
    assert "(7, 4), expected (4, 7)" in swapped and "swapped" in swapped
    assert "dtype int64" in message_of(
        expect_array, np.zeros(3, dtype=np.int64), "`f(x)`", shape=(3,)
    )
    assert expect_array(np.zeros((2, 3)), "`f(x)`", shape=(2, 3)).shape == (2, 3)
    indices = np.arange(3, dtype=np.uint32)
    assert expect_array(indices, "`topk`", shape=(3,), dtype_kind="iu") is indices
    wrong = message_of(expect_array, np.zeros(3), "`topk`", shape=(3,), dtype_kind="iu")
    assert "expected a signed integer or unsigned integer array" in wrong


def test_expect_scalar_accepts_every_spelling_of_one_number():
    for value in (1.5, np.float64(1.5), np.array(1.5), np.array([1.5])):
        assert expect_scalar(value, "the loss") == 1.5
    assert "single number" in message_of(expect_scalar, np.zeros(3), "the loss")


def test_assert_close_reports_the_worst_element_and_treats_nan_as_wrong():
    text = message_of(
        assert_close, np.array([1.0, 2.0, 9.0]), np.array([1.0, 2.0, 3.0]), 1e-9, 0.0, "v"
    )
    assert "got 9, expected 3 at index [2]" in text and "1 of 3 values are off" in text
    assert "got nan" in message_of(assert_close, np.array([np.nan]), np.array([0.0]), 0.0, 1.0, "v")
    assert_close(np.array([1.0 + 1e-12]), np.array([1.0]), 1e-9, 0.0, "v")


def test_central_differences_of_a_quadratic_are_exact_enough():
    x = np.array([[1.0, -2.0], [0.5, 3.0]])
    grad = central_differences(lambda z: float((z**2).sum()), x)
    np.testing.assert_allclose(grad, 2 * x, rtol=1e-8)


def test_expect_inputs_unchanged_names_the_argument_and_the_first_changed_entry():
    logits, mask, k = np.array([[1.0, 2.0]]), np.array([True, False]), 3
    expect_inputs_unchanged(
        "f", ("logits", "mask", "k"), (logits, mask, k), (logits.copy(), mask.copy(), 9), "hint"
    )
    text = message_of(
        expect_inputs_unchanged,
        "f",
        ("logits", "mask"),
        (logits, mask),
        (np.array([[1.0, 0.0]]), mask.copy()),
        "Likely cause: x -= ...",
    )
    assert "`f` changed its `logits` argument in place: logits[0, 1] was 2, is now 0" in text
    assert text.endswith("Likely cause: x -= ...")
    flipped = message_of(expect_inputs_unchanged, "f", ("mask",), (mask,), (~mask,), "h")
    assert "mask[0] was True, is now False" in flipped
    retyped = message_of(expect_inputs_unchanged, "f", ("logits",), (logits,), ([1.0, 2.0],), "h")
    assert "it is now a list" in retyped


def poisson_tail(df, x):
    """P(X > x) for chi-square with an even df: the closed form e^-y sum_{j < df/2} y^j / j!."""
    y = x / 2
    return math.exp(-y) * sum(y**j / math.factorial(j) for j in range(df // 2))


@pytest.mark.parametrize("df", [2, 4, 10, 60])
def test_chi_square_tail_matches_the_closed_form_for_even_degrees_of_freedom(df):
    for x in (0.5, 0.7 * df, df, 2.0 * df, 4.0 * df + 40):
        assert chi_square_tail(df, x) == pytest.approx(poisson_tail(df, x), rel=1e-9)


def test_chi_square_quantile_inverts_the_tail_at_one_in_a_million():
    # df = 2: P(X > x) = e^(-x/2), so x = 2 ln(10**6); df = 1: P(X > x) = erfc(sqrt(x / 2));
    # df = 3: erfc(sqrt(y)) + 2 sqrt(y / pi) e^-y with y = x / 2.
    assert chi_square_quantile(2, 1e-6) == pytest.approx(2 * math.log(1e6), rel=1e-10)
    x = chi_square_quantile(1, 1e-6)
    assert math.erfc(math.sqrt(x / 2)) == pytest.approx(1e-6, rel=1e-8)
    y = chi_square_quantile(3, 1e-6) / 2
    three = math.erfc(math.sqrt(y)) + 2 * math.sqrt(y / math.pi) * math.exp(-y)
    assert three == pytest.approx(1e-6, rel=1e-8)
    for df in (6, 100):
        assert poisson_tail(df, chi_square_quantile(df, 1e-6)) == pytest.approx(1e-6, rel=1e-8)
    # df = 1000: the Wilson-Hilferty approximation, df (1 - 2/(9 df) + z sqrt(2/(9 df)))^3 with
    # z = 4.7534 the normal quantile of 1 - 1e-6, is within 0.1 % this far out
    wilson_hilferty = 1000 * (1 - 2 / 9000 + 4.753424 * math.sqrt(2 / 9000)) ** 3
    assert chi_square_quantile(1000, 1e-6) == pytest.approx(wilson_hilferty, rel=1e-3)


def test_expect_counts_fit_accepts_the_expected_counts_and_names_the_furthest_category():
    assert expect_counts_fit([250, 500, 250], [0.25, 0.5, 0.25], "`pick`") == 0.0
    text = message_of(
        expect_counts_fit,
        [400, 400, 200],
        [0.25, 0.5, 0.25],
        "`pick`",
        "Likely cause: an off-by-one",
        labels=["index 0", "index 1", "index 2"],
    )
    assert "got counts [400, 400, 200], expected about [250, 500, 250]" in text
    assert "index 0 came 400 times where 250.0 were expected" in text
    assert "probability 1e-06. Likely cause: an off-by-one" in text
    with pytest.raises(ValueError, match="below 5"):
        expect_counts_fit([3, 1], [0.5, 0.5], "`pick`")


def test_probe_cpu_seconds_interleaves_the_workloads_and_stops_at_the_budget():
    calls = []

    def spin(steps):  # stands in for the student's function, as ns["spin"] in the worker
        calls.append(steps)
        return sum(i * i for i in range(steps))

    workloads = [((2000,), 10), ((20000,), 1)]
    seconds = probe_cpu_seconds({"spin": spin}, "spin", workloads, rounds=3, budget_s=60.0)
    assert [len(times) for times in seconds] == [3, 3]
    assert all(isinstance(t, float) and t > 0 for times in seconds for t in times)
    # one untimed warm-up call, then per round 10 small calls and then the large one
    assert calls == [2000] + ([2000] * 10 + [20000]) * 3
    # a spent budget starts no new round, but the first always runs in full
    seconds = probe_cpu_seconds({"spin": spin}, "spin", workloads, rounds=3, budget_s=0.0)
    assert [len(times) for times in seconds] == [1, 1]


class FakeStudent:
    """Answers `student.probe(...)` with what a worker might send back."""

    def __init__(self, reply):
        self.reply = reply

    def probe(self, probe_function, **kwargs):
        assert probe_function is probe_cpu_seconds and kwargs["for_function"] == "spin"
        return self.reply


def test_min_cpu_seconds_takes_the_fastest_round_and_refuses_what_is_not_times():
    workloads = [((1,), 2), ((2,), 1)]
    fastest = min_cpu_seconds(FakeStudent([[0.3, 0.2], [0.5, 0.6]]), "spin", workloads, 2, 1.0)
    assert fastest == [0.2, 0.5]
    for reply in (None, [[0.1]], [[0.1], []], [[0.1], [-1.0]], [[0.1], [math.nan]], [[1], [2]]):
        text = message_of(min_cpu_seconds, FakeStudent(reply), "spin", workloads, 2, 1.0)
        assert text.startswith("`spin` could not be timed (the CPU times came back as ")
