# matrix norms of order ±1 and ±inf, linalg.norm's vector orders, and PyTorch's error classes and
# texts for bad arguments to isclose, F.pad, index_add_, aminmax, bincount and norm
import torch
import torch.nn.functional as F

A = torch.tensor([[1., -2.], [3., 4.]])
for ord in [1, -1, float('inf'), float('-inf')]:
    print(ord, torch.linalg.matrix_norm(A, ord=ord), torch.linalg.norm(A, ord=ord))
print(torch.linalg.norm(A, ord=1, dim=(1, 0)), torch.linalg.matrix_norm(A, 1, dim=(-1, -2), keepdim=True))
B = torch.arange(12.).reshape(2, 2, 3) - 5
print(torch.linalg.matrix_norm(B, ord=1), torch.linalg.matrix_norm(B, ord=float('inf')))
print(torch.linalg.matrix_norm(B, ord=-1, dim=(0, 2)), torch.linalg.matrix_norm(B, ord=1, dim=(2, 0), keepdim=True).shape)
v = torch.tensor([1., -2., 3.])
print(torch.linalg.norm(v, ord=1), torch.linalg.norm(v, ord=float('inf')), torch.linalg.norm(v, 3))
print(torch.linalg.norm(B, ord=1, dim=2), torch.linalg.norm(B, ord=0, dim=1))
g = A.clone().requires_grad_()
n = torch.linalg.matrix_norm(g, ord=1)
n.backward()
print(n, g.grad, type(n.grad_fn).__name__)

def show(f):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__ + ":", e)

show(lambda: torch.linalg.norm(B, ord=1))
show(lambda: torch.linalg.matrix_norm(torch.tensor([1., 2.]), ord=1))
show(lambda: torch.linalg.matrix_norm(torch.tensor([[1, 2]]), ord=1))
show(lambda: torch.tensor([1, 2]).norm())
show(lambda: torch.norm(torch.tensor([1, 2]), p=1))
show(lambda: torch.isclose(torch.tensor([1, 2]), torch.tensor([1., 3.])))
show(lambda: torch.isclose(torch.tensor([1.]), torch.tensor([1.]), rtol=-1))
show(lambda: torch.isclose(torch.tensor([1.]), torch.tensor([1.]), atol=-0.5))
show(lambda: F.pad(torch.ones(3), (1, 1), mode='reflect'))
show(lambda: F.pad(torch.ones(1, 1, 2, 2, 4), (1, 1), mode='replicate'))
show(lambda: F.pad(torch.ones(1, 2, 3), (1, 1), mode='zeros'))
show(lambda: torch.zeros(3).index_add_(0, torch.tensor([3]), torch.tensor([1.])))
show(lambda: torch.zeros(2, 3).index_add_(1, torch.tensor([5]), torch.ones(2, 1)))
show(lambda: torch.aminmax(torch.tensor([])))
show(lambda: torch.aminmax(torch.zeros(2, 0), dim=1))
show(lambda: torch.aminmax(torch.zeros(2, 0), dim=0))
show(lambda: torch.bincount(torch.tensor([0, 1]), minlength=-1))
show(lambda: torch.bincount(torch.tensor([0, 1]), minlength=4))
show(lambda: torch.histc(torch.tensor([1., 2.]), bins=4, min=3, max=1))
show(lambda: torch.histc(torch.tensor([1., 2.]), bins=4, min=float('nan'), max=2))
show(lambda: torch.histc(torch.tensor([1., float('inf')]), bins=4))
show(lambda: torch.histc(torch.tensor([1., 2.]), bins=4, min=1, max=1))

# remainder's gradient (angles wrapped into [0, 2π)), fmod's
theta = torch.tensor([-1.0, 4.0, 7.5, 13.0], requires_grad=True)
wrapped = theta % 6.0
(wrapped * torch.tensor([1., 2., 3., 4.])).sum().backward()
print(wrapped, theta.grad, type(wrapped.grad_fn).__name__)
u = torch.tensor([5.5, -3.5], requires_grad=True)
w = torch.tensor([2.0, 2.0], requires_grad=True)
torch.remainder(u, w).sum().backward()
print(u.grad, w.grad)
u.grad = None
torch.fmod(u, 2).sum().backward()
print(u.grad)
