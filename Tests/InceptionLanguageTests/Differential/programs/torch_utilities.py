# torch.finfo / iinfo, ravel, tensor_split / hsplit / vsplit / dsplit, argwhere, diag_embed,
# diagflat, cov and corrcoef (with their gradient), trapezoid and cumulative_trapezoid (dx or x),
# unique_consecutive, matrix_power, is_nonzero, nanmedian, and linspace / logspace of one step
# (the start, where the language gave the end): values, grad_fn names, messages.
import torch
x = torch.tensor([[1.0, 2.0, 4.0], [1.0, 0.0, 3.0]], requires_grad=True)
print(torch.ravel(x), x.ravel(), torch.tensor_split(torch.arange(7), 3), torch.tensor_split(torch.arange(7), [1, 5]), torch.tensor_split(x, 2, dim=1))
print(torch.hsplit(torch.arange(12).reshape(2, 6), 3), torch.vsplit(torch.arange(12).reshape(4, 3), [1, 3]), torch.hsplit(torch.arange(6), 2), torch.dsplit(torch.arange(8).reshape(1, 2, 4), 2))
print(torch.argwhere(torch.tensor([[0, 1], [2, 0]])), torch.diag_embed(torch.tensor([[1.0, 2.0], [3.0, 4.0]])), torch.diagflat(torch.tensor([[1, 2], [3, 4]])))
c = torch.cov(x); print(c); c.sum().backward(); print(x.grad); x.grad = None
print(torch.cov(x, correction=0), torch.corrcoef(x), torch.cov(torch.tensor([1.0, 2.0, 4.0])), torch.corrcoef(torch.tensor([1.0, 2.0, 4.0])))
print(torch.trapezoid(torch.tensor([1.0, 2.0, 4.0])), torch.trapezoid(torch.tensor([1.0, 2.0, 4.0]), dx=0.5), torch.trapezoid(x), torch.trapezoid(x, torch.tensor([0.0, 1.0, 3.0])),
      torch.cumulative_trapezoid(torch.tensor([1.0, 2.0, 4.0])), torch.cumulative_trapezoid(x, dim=0), torch.trapz(torch.tensor([1.0, 3.0])))
print(torch.unique_consecutive(torch.tensor([1, 1, 2, 2, 3, 1])), torch.unique_consecutive(torch.tensor([1, 1, 2, 1]), return_counts=True, return_inverse=True))
print(torch.matrix_power(torch.tensor([[1.0, 1.0], [0.0, 1.0]]), 3), torch.matrix_power(torch.tensor([[2.0, 0.0], [0.0, 4.0]]), -1), torch.matrix_power(torch.tensor([[2.0, 1.0], [0.0, 4.0]]), 0))
print(torch.is_nonzero(torch.tensor([1])), torch.is_nonzero(torch.tensor(0.0)), torch.nanmedian(torch.tensor([1.0, float('nan'), 3.0, 2.0])), torch.tensor([4.0, float('nan')]).nanmedian())
f = torch.finfo(torch.float32); print(f, f.eps, f.max, f.min, f.tiny, f.bits, torch.finfo().eps, torch.iinfo(torch.int64).max, torch.iinfo(torch.int64).min, torch.iinfo(torch.int64))
print(torch.linspace(-1, 1, 1), torch.logspace(2, 3, 1))
try: torch.is_nonzero(torch.tensor([1, 2]))
except RuntimeError as e: print(e)
try: torch.hsplit(torch.arange(7), 2)
except RuntimeError as e: print(e)
