# expect: lose stability
# Gotcha: the running sum drops a negative prefix with max(current, 0.0) and starts from
# float('-inf'): right for small ints, but the sums become floats, which round past 2**53.
"""Maximum subarray, Kadane with float starting values. n = len(nums) >= 1."""


def max_subarray(nums):
    best = current = float("-inf")
    for x in nums:
        current = max(current, 0.0) + x  # wrong for ints: 0.0 + x is a float from here on
        best = max(best, current)
    return best
