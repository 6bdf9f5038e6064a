# diagonal over any two dims (a view), diag's errors, flip of a repeated dim refused, and
# cosine_similarity broadcasting its inputs as ATen's does
import torch
import torch.nn.functional as F

y = torch.arange(24).reshape(2, 3, 4)
print(torch.diagonal(y, 0, 1, 2))
print(torch.diagonal(y, dim1=0, dim2=2))
print(y.diagonal(offset=1, dim1=-2, dim2=-1))
print(y.diagonal(-1, 2, 1))
print(torch.diagonal(y, offset=5, dim1=1, dim2=2).shape)
for args in [(0, 1, 1), (0, -1, 2)]:
    try:
        torch.diagonal(y, *args)
    except RuntimeError as e:
        print("RuntimeError:", e)
try:
    torch.diagonal(y, 0, 0, 3)
except IndexError as e:
    print("IndexError:", e)
try:
    torch.diag(torch.ones(2, 2, 2))
except RuntimeError as e:
    print("RuntimeError:", e)

# the diagonal is a view: writes reach the batch of matrices
m = torch.zeros(2, 3, 3)
m.diagonal(dim1=1, dim2=2).fill_(1.0)
print(m)
m.diagonal(dim1=-2, dim2=-1)[:] = torch.tensor([[1., 2., 3.], [4., 5., 6.]])
print(m.sum(dim=(1, 2)))
# batched trace and its gradient
w = torch.arange(18.).reshape(2, 3, 3).requires_grad_()
t = torch.diagonal(w, dim1=-2, dim2=-1).sum(-1)
t.sum().backward()
print(t, w.grad)
print(torch.diag(torch.arange(12.).reshape(3, 4), 1), torch.diag(torch.tensor([1, 2]), -1))

x = torch.arange(6).reshape(2, 3)
print(torch.flip(x, [0, 1]), x.flip(-1))
for dims in [[0, 0], [1, -1]]:
    try:
        torch.flip(x, dims)
    except RuntimeError as e:
        print("RuntimeError:", e)

a = torch.tensor([[0., 0.], [1., 1.], [3., 4.]])
print(F.cosine_similarity(a, torch.tensor([1., 0.]), dim=1))
print(F.cosine_similarity(a, torch.tensor([[1., 0.]])))
print(torch.cosine_similarity(a.unsqueeze(1), a.unsqueeze(0), dim=-1))
print(F.cosine_similarity(torch.tensor([1, 2, 3]), torch.tensor([1., 0., 0.]), dim=0))
try:
    F.cosine_similarity(torch.tensor([1, 2]), torch.tensor([1, 0]), dim=0)
except RuntimeError as e:
    print("RuntimeError:", e)
q = torch.tensor([[1., 2.], [3., 1.]], requires_grad=True)
F.cosine_similarity(q, torch.tensor([1., 1.])).sum().backward()
print(q.grad)
