# expect: lose complexity
# Gotcha: the pivot is always candidates[0]: sorted input peels off one value per round, O(n^2).
"""Kth largest by quickselect with a fixed pivot. n = len(nums)."""


def find_kth_largest(nums, k):
    candidates = list(nums)
    while True:
        pivot = candidates[0]  # fine on shuffled input, the worst choice on sorted input
        above = [x for x in candidates if x > pivot]
        same = [x for x in candidates if x == pivot]
        if k <= len(above):
            candidates = above
        elif k <= len(above) + len(same):
            return pivot
        else:
            k -= len(above) + len(same)
            candidates = [x for x in candidates if x < pivot]
