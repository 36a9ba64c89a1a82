"""Hidden tests for p06_softmax_cross_entropy: edge cases the statement promises (B >= 1, C >= 1,
any real logits) that the student-visible suite does not try. Instructor-only: `publish` leaves
this folder out, and only `grade --hidden` and `grade-all` run it.

Letters as in the visible suite: B examples (rows of `logits`), C classes (columns). Expected
values are closed forms, stated beside each test.
"""

import math

import numpy as np

from autograder.checks import assert_close, expect_array, expect_finite, expect_scalar

RTOL, ATOL = 1e-9, 1e-12


def _pair(result: object) -> tuple[object, object]:
    if not isinstance(result, tuple | list) or len(result) != 2:
        raise AssertionError("`cross_entropy` must return a pair: `return loss, grad`")
    return result[0], result[1]


def test_one_class_gives_probability_one_zero_loss_and_zero_grad(student):
    # C = 1: the only class has p = 1 whatever its logit, so loss = -log 1 = 0 and
    # grad = (p - onehot) / B = 0. Logits from -5 to 1e4 check that nothing overflows.
    logits = np.array([[-5.0], [0.0], [1e4]])  # (B, C) = (3, 1)
    labels = np.zeros(3, dtype=int)  # (B,)
    probs = expect_array(student.softmax_rows(logits), "`softmax_rows(logits)`", shape=(3, 1))
    expect_finite(probs, "`softmax_rows(logits)`", "for a single class")
    assert_close(probs, np.ones((3, 1)), RTOL, ATOL, "`softmax_rows` for C = 1", "p = 1 when C = 1")
    loss_value, grad_value = _pair(student.cross_entropy(logits, labels))
    loss = expect_scalar(loss_value, "the loss (first value returned by `cross_entropy`)")
    assert_close(loss, 0.0, 0.0, ATOL, "the loss for C = 1", "-log(1) = 0: nothing to get wrong")
    grad = expect_array(grad_value, "the grad returned by `cross_entropy`", shape=(3, 1))
    assert_close(grad, np.zeros((3, 1)), 0.0, ATOL, "the grad for C = 1", "p - onehot = 1 - 1 = 0")


def test_row_of_very_negative_logits_keeps_its_distribution(student):
    # Shift invariance: softmax([-1e4, -1e4 - 1, -1e4 - 2]) = softmax([0, -1, -2]). Without the
    # max-shift every exp underflows to 0 and the row is 0 / 0 = nan.
    logits = np.array([[-1e4, -1e4 - 1.0, -1e4 - 2.0]])  # (B, C) = (1, 3)
    shifted = np.array([0.0, -1.0, -2.0])
    expected_probs = np.exp(shifted) / np.exp(shifted).sum()  # (C,)
    probs = expect_array(student.softmax_rows(logits), "`softmax_rows(logits)`", shape=(1, 3))
    expect_finite(
        probs,
        "`softmax_rows(logits)`",
        "for logits near -1e4 every exp(z) underflows to 0: subtract the row max first",
    )
    assert_close(probs[0], expected_probs, RTOL, ATOL, "`softmax_rows` near -1e4", "shift by max")
    loss_value, _ = _pair(student.cross_entropy(logits, np.array([2])))
    loss = expect_scalar(loss_value, "the loss (first value returned by `cross_entropy`)")
    expected_loss = math.log(np.exp(shifted).sum()) + 2.0  # logsumexp(z) - z_2, shifted
    assert_close(loss, expected_loss, RTOL, 0.0, "the loss near -1e4, label 2", "log-sum-exp")
