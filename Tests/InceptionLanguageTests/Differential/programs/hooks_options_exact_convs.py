# forward hooks see (and may replace) a tuple or dict output whole; bn.momentum, bn.eps and dropout.p set; LocalResponseNorm's repr keeps ints; BatchNorm's one-value ValueError; small convolutions exact (zeros stay zeros: the empirical receptive field of three 3×3s is 7)
import torch
import torch.nn as nn
import torch.nn.functional as F
torch.manual_seed(0)
class T(nn.Module):
    def forward(self, x):
        return x, x * 2
net = T()
h = net.register_forward_hook(lambda m, i, o: print(type(o).__name__, o))
net(torch.ones(2))
h.remove()
net.register_forward_hook(lambda m, i, o: (o[0] + 1, o[1]))
print(net(torch.ones(2)))
class D(nn.Module):
    def forward(self, x):
        return {"a": x, "b": x + 1}
d = D()
d.register_forward_hook(lambda m, i, o: print(sorted(o.keys()), o["b"]))
d(torch.zeros(1))
bn = nn.BatchNorm2d(4)
bn.momentum = 0.01
bn.eps = 1e-3
drop = nn.Dropout(0.5)
drop.p = 0.0
print(bn, bn.momentum, bn.eps, drop, drop(torch.ones(3)))
print(nn.LocalResponseNorm(5, alpha=1e-4, beta=0.75, k=2), nn.LocalResponseNorm(3, alpha=1, beta=1, k=1), nn.LocalResponseNorm(2))
try:
    nn.BatchNorm2d(4)(torch.randn(1, 4, 1, 1))
except ValueError as e:
    print("ValueError:", e)
x = torch.zeros(1, 1, 16, 16)
x[0, 0, 4, 4] = 1.0
y = F.conv2d(x, torch.ones(1, 1, 3, 3), padding=1)
print((y != 0).sum(), y[0, 0, 2:7, 2:7])
# the empirical receptive field of three stacked 3×3 convolutions
net = nn.Sequential(*[nn.Conv2d(1, 1, 3, padding=1) for _ in range(3)])
for m in net:
    nn.init.constant_(m.weight, 1.0)
    nn.init.zeros_(m.bias)
inp = torch.zeros(1, 1, 32, 32, requires_grad=True)
out = net(inp)
out[0, 0, 16, 16].backward()
rows = (inp.grad[0, 0].abs().sum(1) != 0).sum().item()
print("empirical RF:", rows, inp.grad[0, 0, 16, 13:20])
