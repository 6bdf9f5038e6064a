# lgamma, digamma and polygamma with their gradients; torch.inner, vdot, linalg.multi_dot, addbmm,
# logdet and slogdet; nn.CosineSimilarity and nn.PairwiseDistance.
import torch
import torch.nn as nn
torch.manual_seed(0)
a = torch.randn(2, 3, requires_grad=True); b = torch.randn(4, 3)
i = torch.inner(a, b); print(i, i.shape)
i.sum().backward(); print(a.grad)
print(torch.inner(torch.tensor([1., 2.]), torch.tensor([3., 4.])), torch.inner(torch.tensor(2.), torch.tensor([1., 3.])), torch.vdot(torch.tensor([1., 2.]), torch.tensor([3., 4.])))
m = [torch.randn(2, 3), torch.randn(3, 4), torch.randn(4, 2)]
inp = torch.randn(3, 5); b1 = torch.randn(4, 3, 2); b2 = torch.randn(4, 2, 5)
print(torch.addbmm(inp, b1, b2), torch.addbmm(inp, b1, b2, beta=0.5, alpha=2))
s = torch.tensor([[2., 1.], [1., 3.]]); n = torch.tensor([[1., 2.], [3., 4.]])
print(torch.logdet(s), torch.logdet(n), torch.slogdet(n), torch.linalg.slogdet(s))
cos = nn.CosineSimilarity(dim=1, eps=1e-6); pd = nn.PairwiseDistance(p=1.0)
x1 = torch.randn(3, 4); x2 = torch.randn(3, 4)
print(cos, pd, cos(x1, x2), pd(x1, x2), nn.PairwiseDistance(keepdim=True)(x1, x2))
x = torch.tensor([0.5, 1.0, 2.5, 7.0, 30.0, -0.5, -2.5, 0.1], requires_grad=True)
y = torch.lgamma(x)
print(y, y.grad_fn.name() if hasattr(y.grad_fn, 'name') else type(y.grad_fn).__name__)
y.sum().backward()
print(x.grad)
z = torch.tensor([0.5, 1.0, 2.5, 7.0, 30.0, -0.5, -2.5, 0.1], requires_grad=True)
d = z.digamma()
d.sum().backward()
print(d, z.grad)
print(torch.special.gammaln(torch.tensor([3.0])), torch.special.digamma(torch.tensor([1.0])), torch.polygamma(1, torch.tensor([1.0, 0.5])), torch.tensor([0.0, -1.0, 0.0]).lgamma(), torch.tensor([0.0, -1.0, -0.0]).digamma())
w = torch.tensor([2.0, 3.0]); w.lgamma_(); print(w)
