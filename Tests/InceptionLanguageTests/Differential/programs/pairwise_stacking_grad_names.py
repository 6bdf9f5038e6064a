# logaddexp, logaddexp2, fmax and fmin (a NaN loses, ties share the gradient), copysign,
# heaviside (no derivative, as PyTorch), addcmul / addcdiv and their in-place forms, signbit,
# logcumsumexp and take_along_dim; flipud, fliplr, broadcast_to / broadcast_tensors /
# broadcast_shapes, column_stack, row_stack, dstack, atleast_Nd, tensordot, x.dot / mm / mv;
# scatter's gradient; and the grad_fn names PyTorch gives views and reshapes (transpose, mT, T,
# unsqueeze, squeeze, chunk, split, stack, bmm, tile, cumsum, flip, aminmax).
import torch

a = torch.tensor([[1.0, -2.0, float("nan")], [0.5, 3.0, -0.0]], requires_grad=True)
b = torch.tensor([0.5, -3.0, 2.0], requires_grad=True)
for f in [torch.logaddexp, torch.logaddexp2, torch.fmax, torch.fmin, torch.copysign]:
    y = f(a, b)
    print(y)
    (y * torch.tensor([1.0, 2.0, 3.0])).sum().backward()
    print(a.grad, b.grad)
    a.grad = None
    b.grad = None
h = torch.heaviside(a, b)
print(h)
try:
    h.sum().backward()
except RuntimeError as err:
    print(type(err).__name__, err)
print(torch.logaddexp(torch.tensor([float("-inf"), float("inf")]), torch.tensor([float("-inf"), float("inf")])), torch.fmax(torch.tensor([1, 5]), torch.tensor([3, 2])))
y = torch.addcmul(a, a, b, value=0.5) + torch.addcdiv(b, a, b, value=2)
y.sum().backward()
print(y, a.grad, b.grad)
p = torch.ones(3)
p.addcmul_(torch.tensor([1.0, 2.0, 3.0]), torch.tensor([2.0, 2.0, 2.0]), value=-0.5)
p.addcdiv_(torch.tensor([1.0, 2.0, 3.0]), torch.tensor([4.0, 4.0, 8.0]))
print(p, torch.signbit(a), a.signbit())
c = torch.tensor([[0.5, -1.0, 2.0], [1.5, 0.0, -3.0]], requires_grad=True)
l = torch.logcumsumexp(c, 1)
(l * torch.arange(6.0).reshape(2, 3)).sum().backward()
print(l, c.grad, c.logcumsumexp(0))
print(torch.take_along_dim(c, torch.tensor([[0], [2]]), 1), torch.take_along_dim(c, torch.tensor([0, 4])), c.take_along_dim(torch.tensor([[1, 0, 1]]), dim=0))

print(torch.flipud(c), c.fliplr(), torch.broadcast_to(b, (2, 3)), b.broadcast_to((2, 2, 3)).shape)
print(torch.broadcast_tensors(c, b), torch.broadcast_shapes((2, 1), (3,), (1, 1, 1)))
print(torch.column_stack([b, b * 2]), torch.column_stack([c, b[:2]]), torch.row_stack([b, b]), torch.dstack([c, c]).shape, torch.dstack([b, b]))
print(torch.atleast_1d(torch.tensor(1.0)), torch.atleast_2d(b), torch.atleast_3d(c).shape, torch.atleast_3d(b).shape)
m = torch.arange(24.0).reshape(2, 3, 4)
print(torch.tensordot(m, torch.arange(12.0).reshape(3, 4), dims=2), torch.tensordot(m, m, dims=([0, 2], [0, 2])), torch.tensordot(c, c.t(), dims=1))
print(b.dot(b), c.mm(c.t()), c.mv(b))
try:
    torch.flipud(torch.tensor(1.0))
except RuntimeError as err:
    print(type(err).__name__, err)

s = torch.zeros(2, 4, requires_grad=True)
src = torch.arange(1.0, 5.0).reshape(2, 2).requires_grad_()
out = s.scatter(1, torch.tensor([[0, 1], [3, 2]]), src)
(out * torch.arange(8.0).reshape(2, 4)).sum().backward()
print(out, s.grad, src.grad, s.scatter(0, torch.tensor([[1, 0, 1, 0]]), 5.0))

x = torch.ones(2, 3, requires_grad=True)
print(x.transpose(0, 1), x.mT, x.T, x.t(), x.swapaxes(0, 1), x.unsqueeze(0), x.unsqueeze(0).squeeze(0), x.unsqueeze(0).squeeze(), x.unsqueeze(0).squeeze((0, 1)))
print(x.chunk(2, 1), x.split([1, 2], 1), torch.stack([x, x]), x.unsqueeze(0).bmm(x.t().unsqueeze(0)), x.tile(2), x.cumsum(0), x.flip(1), x.aminmax())
