# expect: lose correctness, stability, complexity
# Gotcha: off by one: starts at nums[0] and then loops over all of nums, so nums[0] counts twice.
# Also loses complexity: the counted test checks the value too.
"""Maximum subarray, Kadane whose loop should have started at index 1. n = len(nums)."""


def max_subarray(nums):
    best = current = nums[0]
    for x in nums:  # wrong: nums[1:] was meant; nums[0] is added to itself
        current = max(x, current + x)
        best = max(best, current)
    return best
