# expect: lose complexity
# Gotcha: LeetCode's divide-and-conquer follow-up: correct, but O(n log n) reads, not O(n).
"""Maximum subarray by divide and conquer over positions lo..hi. n = len(nums)."""


def _best(nums, lo, hi):  # the best slice inside nums[lo:hi], hi - lo >= 1
    if hi - lo == 1:
        return nums[lo]
    mid = (lo + hi) // 2
    left_suffix, running = None, 0
    for k in range(mid - 1, lo - 1, -1):  # the best slice ending at mid - 1
        running += nums[k]
        left_suffix = running if left_suffix is None else max(left_suffix, running)
    right_prefix, running = None, 0
    for k in range(mid, hi):  # the best slice starting at mid
        running += nums[k]
        right_prefix = running if right_prefix is None else max(right_prefix, running)
    crossing = left_suffix + right_prefix
    return max(_best(nums, lo, mid), _best(nums, mid, hi), crossing)


def max_subarray(nums):
    return _best(nums, 0, len(nums))
