# x.unbind, cummax / cummin (values and where they were), lerp, atan2, hypot, deg2rad and
# rad2deg: values, grad_fn names and gradients as in PyTorch.
import math
import torch

torch.manual_seed(0)
x = torch.randn(3, 4, requires_grad=True)
rows = x.unbind()
columns = torch.unbind(x, dim=1)
print(len(rows), len(columns), rows[1], columns[2].grad_fn.name())
(rows[0] * 2).sum().backward(retain_graph=True)
columns[3].pow(2).sum().backward()
print(x.grad)

v = torch.tensor([[1., 3., 2., 3., 0.], [float("nan"), 1., 5., -1., 7.]], requires_grad=True)
top = torch.cummax(v, dim=1)
print(top.values, top.indices)
low = v.cummin(0)
print(low)
top.values[0].sum().backward()
print(v.grad)

a, b = torch.zeros(4, requires_grad=True), torch.tensor([1., 2., 3., 4.], requires_grad=True)
mid = torch.lerp(a, b, 0.25)
w = torch.tensor([0., 0.5, 1., 2.], requires_grad=True)
mixed = a.lerp(b, w)
print(mid, mid.grad_fn.name(), mixed, mixed.grad_fn.name())
(mid.sum() + mixed.pow(2).sum()).backward()
print(a.grad, b.grad, w.grad)

y = torch.tensor([1., -1., -1., 0.5], requires_grad=True)
z = torch.tensor([[1.], [-2.]], requires_grad=True)
angle = torch.atan2(y, z)
print(angle, angle.grad_fn.name(), torch.arctan2(torch.tensor(1.), torch.tensor(0.)))
angle.sum().backward()
print(y.grad, z.grad)
print(torch.hypot(torch.tensor([3., 5.]), torch.tensor([4., 12.])))
t = torch.tensor([180., 90., -45.])
print(t.deg2rad(), torch.rad2deg(torch.tensor([math.pi, 1.])))
