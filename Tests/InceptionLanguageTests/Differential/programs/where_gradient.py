# torch.where carries the gradient to the branch each element came from (summed back over a
# broadcast), log1p / expm1 / log2 / log10 have theirs, and a gradient of −0 prints as PyTorch's.
import torch

torch.manual_seed(0)

# a threshold: rows whose squared norm is under 2 get no gradient (−0 where a is negative)
a = torch.randn(3, 4, requires_grad=True)
b = (a ** 2).sum(dim=1, keepdim=True)
c = torch.where(b > 2, b, torch.zeros_like(b))
print(c.grad_fn.name())
c.sum().backward()
print(a.grad)

# both branches require a gradient, one broadcast from a row
x = torch.randn(2, 3, requires_grad=True)
y = torch.randn(3, requires_grad=True)
z = torch.where(x > 0, x * 2, y)
(z * torch.arange(6.).view(2, 3)).sum().backward()
print(z)
print(x.grad, y.grad)

# a Python number as either branch
x = torch.randn(4, requires_grad=True)
z = torch.where(x > 0, x, 0.0)
z.sum().backward()
print(z, x.grad)
print(torch.where(x < 0, 1.5, x ** 2))

# the log and exp variants, their gradients and in-place forms
x = torch.rand(5, requires_grad=True)
for f in [torch.log1p, torch.expm1, torch.log2, torch.log10]:
    y = f(x)
    g, = torch.autograd.grad(y.sum(), x)
    print(y.grad_fn.name(), y, g)
print(x.detach().log1p(), x.detach().expm1(), x.detach().clone().log10_())
