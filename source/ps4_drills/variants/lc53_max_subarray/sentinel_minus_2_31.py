# expect: lose stability
# Gotcha: best starts at the sentinel -2**31 (LeetCode's int limit): wrong once every sum is below.
"""Maximum subarray, Kadane with a sentinel start. n = len(nums)."""


def max_subarray(nums):
    best = -(2**31)  # wrong: nums[0] is a real candidate, a sentinel is not
    current = 0
    for x in nums:
        current = max(x, current + x)
        best = max(best, current)
    return best
