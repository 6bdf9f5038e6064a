import torch
import torch.nn as nn
import torch.nn.functional as F
# prod's gradient: the product of the other elements, with zeros (one zero: only it gets a
# gradient; two: none does), over everything (ProdBackward0) and along a dim (ProdBackward1)

x = torch.tensor([[1., 2., 3.], [0., 4., 5.], [0., 0., 2.]], requires_grad=True)
y = x.prod(); print(y, y.grad_fn.name()); y.backward(); print(x.grad)
x.grad = None
z = x.prod(1); print(z, z.grad_fn.name()); z.sum().backward(); print(x.grad)
x.grad = None
w = torch.prod(x, 0, keepdim=True); (w * torch.tensor([[1., 2., 3.]])).sum().backward(); print(w, x.grad)

v = torch.tensor([1., 2., 3.], requires_grad=True)
c = torch.combinations(v, with_replacement=True); c.prod(1).sum().backward(); print(v.grad)

a = torch.randn(4, 5, requires_grad=True)
b = a.prod(dim=-1); g, = torch.autograd.grad(b.sum(), a); print(torch.allclose(g, (b[:, None] / a)), g.shape)
