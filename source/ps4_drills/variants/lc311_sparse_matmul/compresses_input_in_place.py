# expect: lose correctness
# Gotcha: "saves memory" by replacing each row of A and B by its non-zeros in place: the product
# is right, but the caller's matrices come back as lists of pairs.
"""Sparse matrix product that compresses its arguments in place. A: m x k, B: k x n."""


def multiply(A, B):
    m, n = len(A), len(B[0])
    for rows in (A, B):
        for r, row in enumerate(rows):
            rows[r] = [(index, x) for index, x in enumerate(row) if x != 0]  # wrong: the caller's
    C = [[0] * n for _ in range(m)]
    for i in range(m):
        for p, a in A[i]:
            for j, b in B[p]:
                C[i][j] += a * b
    return C
