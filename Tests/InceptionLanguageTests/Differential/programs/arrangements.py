import torch
import torch.nn as nn
import torch.nn.functional as F
# torch.block_diag, cartesian_prod, combinations, kron, rot90, tril_indices / triu_indices:
# the layouts, their dtypes, their gradients and grad_fn names, PyTorch's messages

print(torch.block_diag(torch.ones(2, 2), torch.arange(3.).reshape(1, 3)))
print(torch.block_diag(torch.tensor([1, 2]), torch.tensor(3)), torch.block_diag())
a = torch.ones(2, 2, requires_grad=True); b = torch.arange(3.).reshape(1, 3).requires_grad_()
y = torch.block_diag(a, b); print(y.grad_fn.name()); (y * torch.arange(15.).reshape(3, 5)).sum().backward(); print(a.grad, b.grad)
try: torch.block_diag(torch.ones(2, 2, 2))
except RuntimeError as e: print(e)

print(torch.cartesian_prod(torch.tensor([1, 2]), torch.tensor([3, 4]), torch.tensor([5, 6, 7])))
v = torch.tensor([1., 2., 3.], requires_grad=True); w = torch.tensor([4., 5.], requires_grad=True)
p = torch.cartesian_prod(v, w); print(p, p.grad_fn.name()); p.pow(2).sum().backward(); print(v.grad, w.grad)
print(torch.cartesian_prod(v) is v)
for bad in [lambda: torch.cartesian_prod(torch.ones(2, 2)), lambda: torch.cartesian_prod(torch.tensor([1, 2]), torch.tensor([1.5]))]:
    try: bad()
    except RuntimeError as e: print(e)

print(torch.combinations(torch.tensor([1, 2, 3])), torch.combinations(torch.tensor([1, 2, 3, 4]), 3))
print(torch.combinations(torch.tensor([1, 2]), 3, True), torch.combinations(torch.tensor([1, 2]), 3), torch.combinations(torch.tensor([1, 2]), 0))
v = torch.tensor([1., 2., 3.], requires_grad=True)
c = torch.combinations(v, with_replacement=True); print(c); (c[:, 0] * c[:, 1]).sum().backward(); print(v.grad)
try: torch.combinations(torch.tensor([1, 2]), -1)
except RuntimeError as e: print(e)

print(torch.tril_indices(3, 3), torch.triu_indices(3, 3, 1), torch.tril_indices(3, 4, -1), torch.triu_indices(4, 3, 1))
print(torch.tril_indices(0, 3), torch.triu_indices(3, 3, -5), torch.tril_indices(3, 3, 10).shape, torch.tril_indices(2, 2).dtype)
try: torch.tril_indices(-1, 3)
except RuntimeError as e: print(e)

print(torch.kron(torch.eye(2), torch.ones(2, 2)), torch.kron(torch.arange(4).reshape(2, 2), torch.tensor([[1.5], [2]])))
print(torch.arange(2).kron(torch.ones(2, 1)), torch.kron(torch.tensor(2.), torch.tensor(3.)), torch.kron(torch.arange(3), torch.arange(2)))
a = torch.tensor([[1., 2.], [3., 4.]], requires_grad=True); b = torch.tensor([[0.5, -1.]], requires_grad=True)
k = torch.kron(a, b); print(k, k.grad_fn.name()); (k * torch.arange(8.).reshape(2, 4)).sum().backward(); print(a.grad, b.grad)

x = torch.arange(6).reshape(2, 3)
for k in range(-1, 5): print(k, torch.rot90(x, k), torch.rot90(x, k, [1, 0]))
print(torch.rot90(torch.arange(8).reshape(2, 2, 2), 1, [2, 0]), x.rot90(-1), x.rot90(dims=(0, 1)))
y = torch.arange(6.).reshape(2, 3).requires_grad_()
r = torch.rot90(y); print(r.grad_fn.name()); (r * torch.arange(6.).reshape(3, 2)).sum().backward(); print(y.grad)
for bad in [lambda: torch.rot90(torch.ones(3)), lambda: torch.rot90(torch.ones(3, 3), 1, [0, 1, 2]), lambda: torch.rot90(torch.ones(3, 3), 1, [0, 0])]:
    try: bad()
    except RuntimeError as e: print(e)
try: torch.rot90(torch.ones(3, 3), 1, [0, 5])
except IndexError as e: print(e)
