# expect: lose correctness, stability, complexity
# Gotcha: the classic trap: C[i][j] = a * b overwrites the products of earlier p instead of
# adding to them. Also loses complexity: the counted tests check the value too.
"""Sparse matrix product with = where += was meant. A: m x k, B: k x n."""


def multiply(A, B):
    m, k, n = len(A), len(B), len(B[0])
    C = [[0] * n for _ in range(m)]
    for i in range(m):
        for p in range(k):
            if A[i][p] != 0:
                for j in range(n):
                    if B[p][j] != 0:
                        C[i][j] = A[i][p] * B[p][j]  # wrong: C[i][j] is a sum over p
    return C
