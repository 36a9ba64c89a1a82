# expect: lose stability
# Gotcha: counts in a list indexed by value + 10**4 (LeetCode's range): no dict, no
# comparisons, but values up to 10**18 fall outside it (IndexError).
"""Top k frequent with an offset counting array. n = len(nums)."""

OFFSET = 10**4  # LeetCode 347 promises -10**4 <= nums[i] <= 10**4; this problem does not


def top_k_frequent(nums, k):
    count = [0] * (2 * OFFSET + 1)
    for x in nums:
        count[x + OFFSET] += 1
    buckets = [[] for _ in range(len(nums) + 1)]
    for slot, c in enumerate(count):  # slots in increasing value: each bucket comes out sorted
        if c:
            buckets[c].append(slot - OFFSET)
    answer = []
    for c in range(len(nums), 0, -1):
        answer += buckets[c][: k - len(answer)]
        if len(answer) == k:
            break
    return answer
