# expect: lose shapes, correctness, stability, complexity
# Gotcha: off by one dimension: the columns of C are counted with len(B), which is k (the rows
# of B), not len(B[0]) = n: C comes out m x k, or an IndexError when n > k.
"""Sparse matrix product with the wrong number of columns. A: m x k, B: k x n."""


def multiply(A, B):
    C = [[0] * len(B) for _ in A]  # wrong: len(B) is k
    for i, row in enumerate(A):
        for p, a in enumerate(row):
            if a != 0:
                for j in range(len(B)):  # wrong again: j should run over len(B[0])
                    if j < len(B[p]):
                        C[i][j] += a * B[p][j]
    return C
