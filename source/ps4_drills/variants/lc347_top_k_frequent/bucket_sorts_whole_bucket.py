# expect: lose complexity
# Gotcha: a bucket sort whose tie rule sorts each bucket whole: when nearly every value occurs
# once, the last bucket holds almost all U values and the sort costs U log U.
"""Top k frequent by bucket sort with sorted buckets. n = len(nums), U distinct values."""

from collections import Counter


def top_k_frequent(nums, k):
    buckets = [[] for _ in range(len(nums) + 1)]
    for value, c in Counter(nums).items():
        buckets[c].append(value)
    answer = []
    for c in range(len(nums), 0, -1):
        for value in sorted(buckets[c]):  # the smaller values first, but all of them sorted
            if len(answer) == k:
                return answer
            answer.append(value)
    return answer
