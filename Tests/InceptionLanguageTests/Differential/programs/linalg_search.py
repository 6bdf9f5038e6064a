import torch
import torch.nn as nn
import torch.nn.functional as F
# torch.linalg.inv/det (LAPACK's pivoting, so det's last digits are PyTorch's), cdist, histc, bucketize, searchsorted, index_select, unfold, with gradients and errors
A = torch.tensor([[4., 7.], [2., 6.]], requires_grad=True)
print(torch.linalg.inv(A), torch.det(A), A.det(), A.inverse())
torch.linalg.det(A).backward()
print(A.grad)
C = torch.tensor([[1., 2, 3], [0, 1, 4], [5, 6, 0]])
print(torch.det(C), torch.linalg.inv(C))
print(torch.det(torch.tensor([[1., 2.], [2., 4.]])), torch.inverse(torch.eye(3) * 2))
X = torch.randn(2, 4, 4)
print(torch.linalg.det(X), (torch.linalg.inv(X) @ X - torch.eye(4)).abs().max() < 1e-4)
B = torch.randn(3, 3, requires_grad=True)
(torch.linalg.inv(B).sum() + B.det()).backward()
print(B.grad)
for bad in [lambda: torch.linalg.inv(torch.tensor([[1., 2.], [2., 4.]])), lambda: torch.linalg.inv(torch.randn(2, 3)),
            lambda: torch.det(torch.tensor([[1, 2], [3, 4]]))]:
    try:
        bad()
    except RuntimeError as e:
        print("RuntimeError", e)
# distances
x = torch.randn(5, 3, requires_grad=True)
y = torch.randn(4, 3)
d = torch.cdist(x, y)
print(d, d.argmin(dim=1))
d.pow(2).sum().backward()
print(x.grad)
a = torch.tensor([[0., 0.], [3., 4.]], requires_grad=True)
torch.cdist(a, torch.tensor([[0., 0.]])).sum().backward()
print(a.grad, torch.cdist(torch.randn(2, 3, 2), torch.randn(2, 4, 2)).shape)
# counting and searching
v = torch.randn(100)
print(torch.histc(v, bins=10, min=-3, max=3), v.histc(5))
print(torch.histc(torch.tensor([1., 2, 1]), bins=4, min=0, max=3), torch.tensor([1., 2, 1, 7]).histc(bins=3), torch.tensor([2., 2.]).histc(4))
print(torch.bucketize(v[:5], torch.linspace(-2, 2, 5)), torch.bucketize(torch.tensor([[1, 5], [3, 9]]), torch.tensor([1, 3, 5, 7]), right=True))
print(torch.searchsorted(torch.sort(v).values, torch.tensor([0.0, 1.0])))
print(torch.searchsorted(torch.tensor([[1, 3, 5], [2, 4, 6]]), torch.tensor([[3], [5]])))
print(torch.searchsorted(torch.tensor([1., 3.]), 2.0), torch.searchsorted(torch.tensor([1, 3]), torch.tensor([3]), side='right'))
# picking along a dimension
x = torch.arange(24.).view(2, 3, 4).requires_grad_()
u = x.unfold(2, 3, 1)
print(u.shape, u[1, 2])
s = torch.index_select(x, 2, torch.tensor([3, 0, 3]))
print(s)
(u.sum() + s.sum()).backward()
print(x.grad)
print(torch.arange(10).unfold(0, 4, 3), torch.arange(12.).view(3, 4).index_select(0, torch.tensor([2, 0])))
for bad in [lambda: x.index_select(1, torch.tensor([3])), lambda: x.index_select(2, torch.tensor([-1])), lambda: x.unfold(1, 5, 1), lambda: x.unfold(1, 2, 0)]:
    try:
        bad()
    except (RuntimeError, IndexError) as e:
        print(type(e).__name__ if isinstance(e, IndexError) else "RuntimeError", e)
print(torch.__version__.split(".")[0])
for bad in [lambda: torch.histc(torch.tensor([1., 2.]), bins=0), lambda: torch.histc(torch.tensor([1, 2])),
            lambda: torch.bucketize(torch.tensor([1.]), torch.tensor([[1., 2.]]))]:
    try:
        bad()
    except RuntimeError as e:
        print("RuntimeError", e)
