import torch
import torch.nn as nn
import torch.nn.functional as F
# nn.GroupNorm / F.group_norm and nn.InstanceNorm2d / F.instance_norm: reprs, state_dict names, values, gradients, messages, a small training loop
g = nn.GroupNorm(2, 4); print(g, list(g.state_dict().keys()))
x = torch.randn(2, 4, 3, 3, requires_grad=True); y = g(x); print(y.grad_fn.name(), y[0, 0, 0])
i = nn.InstanceNorm2d(4); print(i, list(i.state_dict().keys())); z = i(x); print(z[0, 0, 0])
ia = nn.InstanceNorm2d(4, affine=True); print(ia, list(ia.state_dict().keys()))
w = torch.randn(4, requires_grad=True)
(g(x).pow(2).sum() + F.group_norm(x, 4, w).sum() * 3 + (ia(x) * x).sum() + F.instance_norm(x, weight=w).mul(x).sum()).backward()
print(x.grad[1, 2], g.weight.grad, w.grad, ia.bias.grad)
print(nn.GroupNorm(1, 4)(torch.randn(2, 4)).shape, nn.InstanceNorm2d(4)(torch.randn(4, 3, 3)).shape, type(g))
for bad in [lambda: nn.GroupNorm(3, 4), lambda: nn.GroupNorm(2, 4)(torch.randn(2, 6, 3, 3)), lambda: nn.GroupNorm(4, 4)(torch.randn(2, 6, 3, 3)),
            lambda: nn.InstanceNorm2d(4)(torch.randn(2, 4, 1, 1))]:
    try:
        bad()
    except (ValueError, RuntimeError) as e:
        print(type(e).__name__, e)
m = nn.Sequential(nn.Conv2d(3, 8, 3, padding=1), nn.GroupNorm(4, 8), nn.ReLU(), nn.Conv2d(8, 8, 3), nn.InstanceNorm2d(8, affine=True))
print(m)
opt = torch.optim.SGD(m.parameters(), lr=0.1)
inp = torch.randn(2, 3, 6, 6)
for _ in range(3):
    opt.zero_grad(); l = m(inp).pow(2).mean() + m(inp)[:, 0].mean(); l.backward(); opt.step(); print(round(l.item(), 5))
