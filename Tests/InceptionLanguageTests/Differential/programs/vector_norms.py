import torch
import torch.nn as nn
import torch.nn.functional as F
# p-norms: torch.linalg.vector_norm(ord=…) and x.norm(p=…), over everything or along dims (keepdim),
# with their gradients: 1, 3, ±inf (ties share), 0.5 (0 at a zero), 0 (a count), 2

x = torch.tensor([[1., -2., 0.5], [3., 0., -3.]], requires_grad=True)
for o in [1, 3, float('inf'), -float('inf'), 0.5, 2]:
    n = torch.linalg.vector_norm(x, ord=o); g, = torch.autograd.grad(n, x)
    print(o, n, g)
    n = torch.linalg.vector_norm(x, ord=o, dim=1); g, = torch.autograd.grad(n.sum(), x)
    print(o, n, g)
print(torch.linalg.vector_norm(x, ord=0), torch.linalg.vector_norm(x, ord=0, dim=1))
print(torch.linalg.vector_norm(x, ord=float('inf'), dim=0, keepdim=True), x.norm(p=1, dim=0), x.norm(p=3, dim=(0, 1), keepdim=True))
print(torch.linalg.vector_norm(torch.randn(4, 5), ord=1))
m = torch.arange(24.).view(2, 3, 4).requires_grad_()
frobenius = torch.linalg.matrix_norm(m)
print(frobenius, torch.linalg.matrix_norm(m, dim=(0, 2), keepdim=True).shape)
frobenius.sum().backward()
print(m.grad[1, 2], torch.get_default_dtype())
