# expect: full
# Gotcha: none. Prefix sums from itertools.accumulate; best = P[j] minus the smallest P[i], i < j.
"""Maximum subarray as the largest P[j] - P[i] over i < j, in one streaming pass."""

from itertools import accumulate


def max_subarray(nums):
    smallest = 0  # P[0]: the empty prefix
    best = None
    for prefix in accumulate(nums):  # P[1], ..., P[n], exact ints for int input
        candidate = prefix - smallest  # the best slice that ends here
        if best is None or candidate > best:
            best = candidate
        smallest = min(smallest, prefix)
    return best
