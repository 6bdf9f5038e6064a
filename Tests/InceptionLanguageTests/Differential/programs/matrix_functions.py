import torch
import torch.nn as nn
import torch.nn.functional as F
# tril/triu, roll, diag, outer, meshgrid, nonzero(as_tuple), where(cond), masked_select, isclose, trunc/frac, logspace, type(dtype), with gradients
x = torch.arange(12.).reshape(3, 4)
print(torch.tril(x), torch.triu(x, 1), x.tril(-1), torch.triu(torch.ones(2, 3, 3)))

x = torch.tensor([3., 1., 2., 5., 4.])
print(torch.flip(x, [0]), torch.roll(x, 2), x.median(), x.prod(), torch.cumprod(x, 0))
y = torch.arange(6).view(2, 3)
print(torch.roll(y, 1, 1), torch.roll(y, (1, -1), (0, 1)), y.roll(-1))

x = torch.tensor([[1, 0, 2], [0, 3, 0]])
print(torch.nonzero(x), x.nonzero(as_tuple=True), torch.where(x > 0))

x = torch.randn(3, 3)
print(torch.masked_select(x, x > 0), torch.allclose(x, x + 1e-9), torch.isclose(x, x + 1e-3, atol=1e-2))

a = torch.tensor([1., 2., 3.]); b = torch.tensor([4., 5.])
print(torch.outer(a, b), torch.diag(a), torch.diag(torch.ones(2, 2)), torch.diag(a, 1), torch.diag(torch.arange(9.).view(3, 3), -1))

g = torch.meshgrid(torch.arange(2), torch.arange(3), indexing="ij")
print(g)
xs, ys = torch.meshgrid(torch.tensor([1., 2.]), torch.tensor([3., 4., 5.]), indexing="xy")
print(xs, ys, xs.shape)

x = torch.tensor([1.5, -2.5, 3.49])
print(x.round(), x.floor(), x.ceil(), x.trunc(), x.sign(), x.abs(), x.frac())

print(torch.linspace(0, 1, 5), torch.logspace(0, 2, 3), torch.logspace(-1, 1, 5, base=2), torch.eye(3))

print(torch.zeros(2, 3).new_ones(2), torch.empty(0), torch.ones(2).type(torch.int64), torch.tensor(3).float())

x = torch.randn(3, 3, requires_grad=True)
y = (torch.tril(x) * 2 + torch.roll(x, 1, 0)).sum() + torch.masked_select(x, x > 0).sum() + x.diag().sum() + x.median()
y.backward()
print(x.grad, torch.tril(x), torch.median(x, 0).values)

a = torch.randn(3, requires_grad=True); b = torch.randn(2, requires_grad=True)
o = torch.outer(a, b)
print(o)
o.pow(2).sum().backward()
print(a.grad, b.grad)

x = torch.randn(2, 3, requires_grad=True)
print(x.trunc(), x.frac(), torch.diag(x[0]), x.kthvalue(1, 1))
