# expect: full
# Correct: count with a dict, bucket the values by count, walk from the top; only the bucket
# of the k-th place is split, by heapq.nsmallest (the tie rule: smaller values first).
"""Top k frequent by counting and bucket sort. n = len(nums), U distinct values."""

import heapq


def top_k_frequent(nums, k):
    count = {}
    for x in nums:  # one pass: n dict updates
        count[x] = count.get(x, 0) + 1
    buckets = [[] for _ in range(len(nums) + 1)]  # counts run from 1 to n: n + 1 slots
    for value, c in count.items():
        buckets[c].append(value)
    answer = []
    for c in range(len(nums), 0, -1):  # the highest count first
        need = k - len(answer)
        if need == 0:
            break
        if len(buckets[c]) <= need:
            answer += buckets[c]  # the whole bucket fits: no order needed inside it
        else:
            answer += heapq.nsmallest(need, buckets[c])  # ties: the smaller values
    return answer
