# expect: lose shapes, correctness, stability, complexity
# Gotcha: np.array(A) @ np.array(B): right values, but NumPy is forbidden in this drill (the
# dense @ multiplies every zero, out of the counter's sight): the whole drill scores 0.
"""Matrix product with NumPy. A: m x k, B: k x n."""

import numpy as np


def multiply(A, B):
    return (np.array(A) @ np.array(B)).tolist()
