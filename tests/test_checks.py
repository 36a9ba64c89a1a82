"""The suites' assertion helpers say what is wrong in the student's terms."""

import numpy as np
import pytest

from autograder.checks import (
    assert_close,
    central_differences,
    expect_array,
    expect_inputs_unchanged,
    expect_scalar,
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
