# expect: lose correctness, complexity
# Gotcha: writes the prefix sums into nums itself (O(1) extra memory, but the caller's list is
# destroyed); the complexity test passes a read-only sequence, where the write fails.
"""Maximum subarray from prefix sums computed in place. n = len(nums)."""


def max_subarray(nums):
    for k in range(1, len(nums)):
        nums[k] += nums[k - 1]  # wrong: changes the caller's list
    best, smallest = nums[0], 0
    for prefix in nums:
        best = max(best, prefix - smallest)
        smallest = min(smallest, prefix)
    return best
