# expect: lose correctness, stability, complexity
# Gotcha: C = [[0] * n] * m is m references to one row: every product lands in every row.
# Also loses complexity: the counted tests check the value too.
"""Sparse matrix product whose rows of C are one list. A: m x k, B: k x n."""


def multiply(A, B):
    m, k, n = len(A), len(B), len(B[0])
    C = [[0] * n] * m  # wrong: one row, m times
    for i in range(m):
        for p in range(k):
            if A[i][p] != 0:
                for j in range(n):
                    C[i][j] += A[i][p] * B[p][j]
    return C
