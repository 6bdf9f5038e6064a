import torch
import torch.nn as nn
import torch.nn.functional as F
# erf, erfc, erfinv, exp2, sinc, logit (with eps) and the torch.special namespace (expit, …):
# values, gradients, grad_fn names, the edges (erfinv at ±1, logit at 0 and 1, sinc at 0 and at integers)

x = torch.tensor([-2., -0.5, 0., 0.3, 1.5], requires_grad=True)
for name in ["erf", "erfc", "exp2", "sinc"]:
    y = getattr(torch, name)(x); g, = torch.autograd.grad(y.sum(), x)
    print(name, y, y.grad_fn.name(), g)

p = torch.tensor([-0.999, -0.5, 0., 0.25, 0.9], requires_grad=True)
y = torch.erfinv(p); g, = torch.autograd.grad(y.sum(), p); print(y, y.grad_fn.name(), g)
print(torch.erfinv(torch.tensor([1., -1., 2.])), torch.erf(torch.erfinv(torch.tensor([0.1, 0.7]))))

q = torch.tensor([0.01, 0.2, 0.5, 0.9, 0.999], requires_grad=True)
y = torch.logit(q); g, = torch.autograd.grad(y.sum(), q); print(y, y.grad_fn.name(), g)
y = q.logit(eps=0.1); g, = torch.autograd.grad(y.sum(), q); print(y, g)
print(torch.logit(torch.tensor([0., 1.])))

x = torch.tensor([[-1., 0., 2.], [0.5, 3., -4.]])
print(torch.special.expit(x), torch.special.erf(x), torch.special.logsumexp(x, 1), torch.special.softmax(x, dim=0))
print(torch.special.exp2(x), torch.special.expm1(x), torch.special.log1p(x.abs()), torch.special.sinc(x), torch.special.round(x * 1.3))
print(torch.special.logit(torch.tensor([0.25])), torch.special.erfc(x), torch.special.erfinv(torch.tensor([0.5])), torch.special.log_softmax(x, 1))
print(x.erf(), x.exp2(), x.sinc(), torch.sigmoid(x).logit())
