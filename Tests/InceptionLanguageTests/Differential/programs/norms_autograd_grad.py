import torch
import torch.nn as nn
import torch.nn.functional as F
# p-norms (1, 3, inf, 0) and their gradients, element_size, count_nonzero, diff, nan_to_num, cumprod with its gradient (zeros too), torch.autograd.grad (leaves .grad alone, allow_unused), load_state_dict results and strict=False
x = torch.randn(3, 4, requires_grad=True)
print(x.norm(p=1), x.norm(p=float('inf')), x.norm(p=3), x.norm(p=0), torch.norm(x, p=1))
(x.norm(p=1) + x.norm(p=3) + x.norm(p=float('inf'))).backward()
print(x.grad)
w = torch.tensor([1., -1., 2., -2.], requires_grad=True)
w.norm(float('inf')).backward(); print(w.grad)
x = torch.arange(6).view(2, 3)
print(x.element_size(), torch.randn(2).element_size(), (x > 2).element_size())
print(torch.count_nonzero(x), x.count_nonzero(dim=0), torch.count_nonzero(torch.tensor([[0., 1.], [2., 0.]]), dim=1))
v = torch.tensor([1., 4., 9., 16.], requires_grad=True)
d = torch.diff(v)
print(d, torch.diff(v, n=2), torch.arange(12).view(3, 4).diff(dim=0), torch.tensor([True, False, False]).diff())
(d * torch.tensor([1., 2., 3.])).sum().backward(); print(v.grad)
t = torch.tensor([[1., float('nan')], [float('inf'), -float('inf')]], requires_grad=True)
y = torch.nan_to_num(t)
print(y, t.nan_to_num(nan=0.5, posinf=9., neginf=-9.))
y.sum().backward(); print(t.grad)
c = torch.tensor([1., 2., 0., 3.], requires_grad=True)
p = torch.cumprod(c, 0)
print(p)
(p * torch.tensor([1., 1., 1., 2.])).sum().backward(); print(c.grad)
m = torch.randn(2, 3, requires_grad=True)
m.cumprod(1).sum().backward(); print(m.grad)
x = torch.randn(2, 3, requires_grad=True)
w = torch.randn(3, requires_grad=True)
y = (x * w).pow(2).sum()
w.grad = torch.ones(3)
gx, gw = torch.autograd.grad(y, [x, w])
print(gx, gw, x.grad, w.grad)
z = (x ** 3).sum()
g, = torch.autograd.grad(z, x, grad_outputs=torch.tensor(2.))
print(g)
u = torch.randn(2, requires_grad=True)
try:
    torch.autograd.grad((x * 2).sum(), [x, u])
except RuntimeError as e:
    print(e)
print(torch.autograd.grad((x * 2).sum(), [x, u], allow_unused=True)[1])
class M(nn.Module):
    def __init__(self):
        super().__init__()
        self.a = nn.Linear(2, 2)
        self.b = nn.Linear(2, 1)
    def forward(self, x):
        return self.b(self.a(x))
m = M()
print(m.load_state_dict(M().state_dict()))
sd = {k: v for k, v in M().state_dict().items() if k.startswith('a.')}
sd['extra'] = torch.zeros(1)
r = m.load_state_dict(sd, strict=False)
print(r)
print(r.missing_keys, r.unexpected_keys)
missing, unexpected = r
print(missing)

