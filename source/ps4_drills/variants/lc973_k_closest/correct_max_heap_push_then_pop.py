# expect: full
# Correct: a max-heap of the k closest as (-distance, index) pairs, push then pop: O(n log k).
"""K closest points with heapq, written the plainest way. n = len(points), 1 <= k <= n."""

import heapq


def k_closest(points, k):
    heap = []  # the k closest so far; the farthest of them on top, as the smallest -distance
    for i, (x, y) in enumerate(points):
        heapq.heappush(heap, (-(x * x + y * y), i))  # the index breaks ties: points never compared
        if len(heap) > k:
            heapq.heappop(heap)  # drops the farthest of k + 1
    return [points[i] for _, i in heap]
