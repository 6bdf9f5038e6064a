import torch
import torch.nn as nn
import torch.nn.functional as F
# Conv2d and F.conv2d with groups (depthwise), dilation and rectangular kernels, strides and paddings: reprs, messages, values, gradients, a depthwise-separable training loop
print(nn.Conv2d(3, 6, 3, groups=3), nn.Conv2d(3, 4, 3, dilation=2, padding=2, bias=False), nn.Conv2d(3, 4, (3, 1), padding=(1, 0)), nn.Conv2d(4, 4, 3, padding='same', dilation=2, groups=2))
for f in [lambda: nn.Conv2d(3, 6, 3, groups=2), lambda: nn.Conv2d(4, 6, 3, groups=4), lambda: nn.Conv2d(3, 3, 3, groups=3)(torch.randn(1, 6, 5, 5)), lambda: F.conv2d(torch.randn(1, 4, 5, 5), torch.randn(6, 2, 3, 3), groups=3)]:
    try:
        f()
    except (ValueError, RuntimeError) as e:
        print(type(e).__name__, e)
x = torch.randn(2, 4, 7, 7, requires_grad=True)
dw = nn.Conv2d(4, 4, 3, padding=1, groups=4)
pw = nn.Conv2d(4, 8, 1)
dil = nn.Conv2d(8, 6, 3, dilation=2, groups=2, bias=False)
rect = nn.Conv2d(6, 2, (1, 3), stride=(2, 1), padding=(0, 1))
y = rect(dil(pw(dw(x))))
print(y.shape, y.grad_fn.name(), y[0, 0])
y.pow(2).sum().backward()
print(x.grad[1, 2, 3], dw.weight.grad[2], dil.weight.grad[1, 0], rect.bias.grad, [tuple(p.shape) for p in dil.parameters()])
print(list(dw.state_dict().keys()), sum(p.numel() for p in dw.parameters()))
z = F.conv2d(x, torch.randn(4, 2, 3, 3), torch.randn(4), stride=2, padding=1, dilation=(1, 2), groups=2)
print(z.shape, z[0, 1])
print(F.conv2d(x, torch.randn(3, 4, 2, 2)).shape, F.conv2d(x, torch.randn(3, 4, 3, 1), padding='same').shape)
m = nn.Sequential(nn.Conv2d(4, 8, 3, padding=1, groups=4), nn.BatchNorm2d(8), nn.ReLU(), nn.Conv2d(8, 8, 1), nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(8, 3))
print(m)
opt = torch.optim.SGD(m.parameters(), lr=0.1, momentum=0.9)
t = torch.tensor([0, 2])
for _ in range(4):
    opt.zero_grad(); l = F.cross_entropy(m(x.detach()), t); l.backward(); opt.step(); print(round(l.item(), 5))
