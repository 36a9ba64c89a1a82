# expect: full
# Gotcha: none. Kadane with a for loop over nums itself: current and best start at nums[0].
"""Maximum subarray, Kadane's scan with plain variables. n = len(nums) >= 1."""


def max_subarray(nums):
    best = current = None
    for x in nums:  # one read per element
        if current is None:
            best = current = x  # the first slice is [nums[0]]
            continue
        current = current + x if current > 0 else x  # extend only a positive running sum
        if current > best:
            best = current
    return best
