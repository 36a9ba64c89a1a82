# expect: lose complexity
# Gotcha: the schoolbook triple loop: right values, m k n multiplications, zeros included.
"""Matrix product by the definition, zeros and all. A: m x k, B: k x n."""


def multiply(A, B):
    m, k, n = len(A), len(B), len(B[0])
    C = [[0] * n for _ in range(m)]
    for i in range(m):
        for j in range(n):
            for p in range(k):  # k multiplications for every entry of C
                C[i][j] += A[i][p] * B[p][j]
    return C
