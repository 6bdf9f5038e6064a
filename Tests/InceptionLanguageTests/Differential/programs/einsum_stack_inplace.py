import torch
import torch.nn as nn
import torch.nn.functional as F
# torch.einsum (explicit, implicit, ellipsis, diagonal, gradients), hstack/vstack, swapaxes/movedim, tensor clamp bounds, in-place element-wise methods, bincount, dot/mm/mv, trace, fill_diagonal_, tile
a = torch.randn(2, 3); b = torch.randn(3, 4)
print(torch.einsum("ij,jk->ik", a, b), torch.einsum("ij->ji", a), torch.einsum("ii", torch.eye(3)))

a = torch.randn(2, 3, 4); b = torch.randn(2, 4, 5)
print(torch.einsum("bij,bjk->bik", a, b), torch.einsum("bij->b", a), torch.einsum("i,j->ij", torch.arange(3.), torch.arange(2.)))
print(torch.einsum("...ij,...jk->...ik", a, b).shape, torch.einsum("ij,ij", a[0], a[0]), torch.einsum("ii->i", torch.arange(9.).view(3, 3)))

a = torch.randn(3, 4, requires_grad=True); b = torch.randn(4, requires_grad=True)
y = torch.einsum("ij,j->i", a, b)
y.pow(2).sum().backward()
print(y.detach(), a.grad, b.grad)

print(torch.einsum("bhqd,bhkd->bhqk", torch.randn(1, 2, 3, 4), torch.randn(1, 2, 5, 4)).shape, torch.einsum("ij,jk", [torch.ones(2, 2), torch.ones(2, 2)]))

print(torch.hstack([torch.ones(2), torch.zeros(3)]), torch.vstack([torch.ones(2), torch.zeros(2)]), torch.hstack((torch.ones(2, 1), torch.zeros(2, 2))), torch.vstack([torch.ones(1, 3), torch.arange(3.)]))

x = torch.randn(2, 3, 4)
print(x.transpose(0, 2).shape, x.movedim(0, 2).shape, torch.swapaxes(x, 0, 1).shape, torch.movedim(x, (0, 1), (2, 0)).shape, x.swapdims(1, 2)[0])

x = torch.tensor([[1, 2], [3, 4]])
print(x.sum(dtype=torch.float32), x.float().mean(dim=(0, 1)), x.max(dim=0), torch.max(x, 1)[1], x.argmax(), x.clamp(min=2), torch.clamp(x, max=torch.tensor([2, 3])))
print(torch.clamp(torch.randn(2, 3), min=torch.zeros(3), max=torch.ones(2, 1)))

x = torch.randn(5)
print(x.exp_(), x.abs_(), x.neg_(), x.sigmoid_(), x.pow_(2), x.sqrt_(), x.log_(), x)
y = torch.tensor([1.5, -2.7]); y.floor_(); print(y)

t = torch.tensor([2, 0, 1, 2])
print(t.bincount(), torch.bincount(t, minlength=5), t.bincount(weights=torch.tensor([0.5, 1., 1., 2.])))

print(torch.tensor([1.0, 2.0]) @ torch.tensor([3.0, 4.0]), torch.dot(torch.tensor([1.0, 2.0]), torch.tensor([3.0, 4.0])), torch.mm(torch.eye(2), torch.ones(2, 2)), torch.mv(torch.eye(2), torch.ones(2)))

x = torch.arange(9.).view(3, 3)
print(torch.trace(x), x.fill_diagonal_(0), torch.ones(2, 3).fill_diagonal_(5))

x = torch.randn(3, 3, requires_grad=True)
t = torch.trace(x)
print(t)
t.backward()
print(x.grad)

w = torch.randn(3, requires_grad=True)
with torch.no_grad():
    w.mul_(2).exp_()
print(w)
try:
    w.exp_()
except RuntimeError as e:
    print("RuntimeError", str(e)[:60])

print(torch.tile(torch.tensor([1, 2]), (2,)), torch.tensor([[1, 2]]).tile(2, 1), torch.ones(2, 2).tile((2,)))
