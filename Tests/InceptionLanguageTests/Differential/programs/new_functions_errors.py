import torch
import torch.nn as nn
import torch.nn.functional as F
# What the new functions refuse and how: the exception class and PyTorch's words, and edge cases they accept
cases = [
    lambda: torch.roll(torch.arange(5), -2**62),
    lambda: torch.roll(torch.arange(6).view(2, 3), 2**62, 1),
    lambda: torch.tensor([1e30]).long().bincount(),
    lambda: torch.tensor([-1]).bincount(),
    lambda: nn.Embedding(3, 2)(torch.tensor([1e20]).long()),
    lambda: nn.Embedding(3, 2)(torch.tensor([-1])),
    lambda: torch.einsum("ij,jk->ik", torch.ones(2, 3), torch.ones(4, 2)),
    lambda: torch.einsum("ij->k", torch.ones(2, 3)),
    lambda: torch.einsum("ij", torch.ones(2, 3, 4)),
    lambda: torch.einsum("...i,...i->...", torch.ones(2, 3), torch.ones(5, 3)),
    lambda: torch.einsum("a1", torch.ones(2, 3)),
    lambda: torch.einsum("abcdefg->", torch.ones(64, 64, 64, 64, 1, 1, 1)),
    lambda: torch.einsum("", torch.ones(2)),
    lambda: torch.einsum("ii->i", torch.ones(2, 3)),
    lambda: nn.LayerNorm(4)(torch.ones(2, 3)),
    lambda: nn.BatchNorm1d(3)(torch.ones(2, 4)),
    lambda: nn.BatchNorm1d(3)(torch.ones(1, 3)),
    lambda: torch.ones(3).kthvalue(0),
    lambda: torch.ones(3).kthvalue(4),
    lambda: torch.empty(0).median(),
    lambda: torch.ones(2, 0).median(1),
    lambda: torch.tril(torch.ones(3)),
    lambda: torch.ones(3, 3).tril(2**62),
    lambda: torch.ones(3, 3).movedim(0, 0),
    lambda: torch.ones(3, 3).movedim((0, 0), (1, 0)),
    lambda: torch.ones(2, 3).fill_diagonal_(1, wrap=True),
    lambda: torch.ones(2, 3, 4).fill_diagonal_(1),
    lambda: torch.logspace(0, 1, -1),
    lambda: F.cross_entropy(torch.randn(2, 3), torch.tensor([0, 5])),
    lambda: F.cross_entropy(torch.randn(2, 3), torch.tensor([0, 1]), weight=torch.ones(2)),
    lambda: F.cross_entropy(torch.randn(2, 3), torch.tensor([-100, -100])),
    lambda: torch.dot(torch.ones(3), torch.ones(2)),
    lambda: torch.trace(torch.ones(3)),
    lambda: torch.vstack([]),
    lambda: torch.tensor([1, 2]).sqrt_(),
]
for i, c in enumerate(cases):
    try:
        r = c()
        print(i, "ok", r if not isinstance(r, tuple) else len(r))
    except Exception as e:
        print(i, type(e).__name__, str(e).split("\n")[0][:100])
