# expect: lose stability
# Gotcha: a counting array over LeetCode's value range [-10**4, 10**4]: O(n + range), no
# comparisons, but values up to 10**18 fall outside it (IndexError).
"""Kth largest by counting each value of a bounded range. n = len(nums)."""

OFFSET = 10**4  # LeetCode 215 promises -10**4 <= nums[i] <= 10**4; this problem does not


def find_kth_largest(nums, k):
    count = [0] * (2 * OFFSET + 1)
    for x in nums:
        count[x + OFFSET] += 1
    for slot in range(2 * OFFSET, -1, -1):  # from the largest value down
        k -= count[slot]
        if k <= 0:
            return slot - OFFSET
    raise ValueError("k is larger than len(nums)")
