# torch.cdist and torch.dist with any p, logsumexp over several dims, tensor_split by keyword or
# tensor, the bitwise shifts by name, moveaxis, isposinf / isneginf / isreal
import torch

a = torch.tensor([[0., 0.], [1., 1.], [3., 4.]])
b = torch.tensor([[1., 0.], [0., 2.]])
for p in [0, 1, 2, 3, float('inf')]:
    print(p, torch.cdist(a, b, p=p))
print(torch.cdist(a.unsqueeze(0), b.unsqueeze(0), p=1).shape)
try:
    torch.cdist(a, b, p=-1)
except RuntimeError as e:
    print("RuntimeError:", e)
x1 = torch.tensor([[1., 2.], [3., 1.]], requires_grad=True)
x2 = torch.tensor([[0., 1.], [2., 2.], [1., 1.]])
d = torch.cdist(x1, x2, p=1)
d.sum().backward()
print(d, x1.grad, type(d.grad_fn).__name__)
for p in [1, 3, float('inf'), 0]:
    print(p, torch.dist(a, torch.zeros(3, 2), p), a.dist(b[0], p=p))
u = torch.tensor([1., -2., 3.], requires_grad=True)
torch.dist(u, torch.zeros(3), 1).backward()
print(u.grad)

x = torch.tensor([[1., 2., 3.], [-1., 0., 1000.]])
print(torch.logsumexp(x, dim=(0, 1)), torch.logsumexp(x, dim=[1, 0], keepdim=True))
print(x.logsumexp((0,)), torch.logsumexp(torch.arange(24.).reshape(2, 3, 4) / 10, (0, 2)))
y = torch.tensor([[0.5, 1.5], [2.5, -1.]], requires_grad=True)
torch.logsumexp(y, (0, 1)).backward()
print(y.grad)

r = torch.arange(7)
print(torch.tensor_split(r, sections=3), torch.tensor_split(r, indices=[1, 5]))
print(torch.tensor_split(r, torch.tensor([1, 5])), torch.tensor_split(r, torch.tensor(3)))
print(torch.tensor_split(torch.arange(12).reshape(3, 4), indices=[1], dim=1))
print(r.tensor_split(sections=2))

s = torch.tensor([1, 2, -8, 5])
print(torch.bitwise_left_shift(s, 3), torch.bitwise_right_shift(s, torch.tensor([0, 1, 2, 3])))
print(s.bitwise_left_shift(1), s.bitwise_right_shift(2))
print(torch.moveaxis(torch.zeros(2, 3, 4), 0, -1).shape, torch.moveaxis(torch.zeros(2, 3, 4), (0, 1), (2, 0)).shape)
f = torch.tensor([float('-inf'), 1., float('inf'), float('nan')])
print(torch.isposinf(f), torch.isneginf(f), torch.isreal(f), f.isposinf())
