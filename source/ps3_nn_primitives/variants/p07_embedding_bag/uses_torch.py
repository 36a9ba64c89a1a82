# expect: lose shapes, correctness, stability, complexity
# Gotcha: calls torch.nn.EmbeddingBag, which grading.yml forbids here: the engine zeroes the problem.
"""Embedding bag through torch. V rows in the table, d dims, B bags."""

import numpy as np
import torch


def embedding_bag_offsets(table, ids, offsets, mode="mean"):
    bag = torch.nn.EmbeddingBag.from_pretrained(torch.from_numpy(table), mode=mode)
    with torch.no_grad():
        out = bag(torch.as_tensor(ids, dtype=torch.long), torch.as_tensor(offsets))
    return out.numpy()  # (B, d)


def embedding_bag(table, id_lists, mode="mean"):
    lengths = [len(bag) for bag in id_lists]
    offsets = np.concatenate([[0], np.cumsum(lengths)[:-1]]).astype(np.int64)  # (B,)
    ids = np.array([i for bag in id_lists for i in bag], dtype=np.int64)  # (N,)
    return embedding_bag_offsets(table, ids, offsets, mode)
