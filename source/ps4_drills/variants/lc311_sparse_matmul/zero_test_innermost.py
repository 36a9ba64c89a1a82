# expect: lose complexity
# Gotcha: tests both entries inside the loops over i, p and j: it multiplies only useful pairs,
# but the tests alone run m k n times.
"""Matrix product that skips the multiplication, not the work. A: m x k, B: k x n."""


def multiply(A, B):
    m, k, n = len(A), len(B), len(B[0])
    C = [[0] * n for _ in range(m)]
    for i in range(m):
        for j in range(n):
            for p in range(k):
                if A[i][p] and B[p][j]:  # m k n tests
                    C[i][j] += A[i][p] * B[p][j]
    return C
