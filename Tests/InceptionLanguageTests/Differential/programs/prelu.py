import torch
import torch.nn as nn
import torch.nn.functional as F
# nn.PReLU (one slope or one per channel) and F.prelu: repr, init, gradients of input and slopes, message, a small training loop
p = nn.PReLU(); print(p, list(p.state_dict().keys()), p.weight)
q = nn.PReLU(3, init=0.1); print(q)
x = torch.randn(2, 3, 2, requires_grad=True)
y = q(x); print(y.grad_fn.name()); y.sum().backward(); print(q.weight.grad, x.grad[0])
try:
    nn.PReLU(2)(torch.randn(2, 3))
except RuntimeError as e:
    print(type(e).__name__, e)
print(F.prelu(torch.tensor([-1., 2.]), torch.tensor([0.5])))
print(nn.PReLU()(torch.tensor(-2.)))
m = nn.Sequential(nn.Conv2d(2, 4, 3), nn.PReLU(4), nn.Flatten(), nn.Linear(16, 1))
opt = torch.optim.Adam(m.parameters(), lr=0.05)
inp = torch.randn(3, 2, 4, 4)
for _ in range(3):
    opt.zero_grad(); l = m(inp).pow(2).mean(); l.backward(); opt.step(); print(round(l.item(), 5))
print(m[1].weight)
