import math
import torch
import torch.nn as nn

def conv_out(size, k, s=1, p=0, d=1):
    return (size + 2 * p - d * (k - 1) - 1) // s + 1

def pool_out(size, k, s, p=0, ceil=False):
    f = math.ceil if ceil else math.floor
    return int(f((size + 2 * p - k) / s)) + 1

specs = [(7, 2, 3, 1), (3, 1, 1, 1), (5, 1, 2, 1), (3, 2, 0, 1), (3, 1, 2, 2)]
for k, s, p, d in specs:
    layer = nn.Conv2d(2, 3, k, stride=s, padding=p, dilation=d)
    for size in (9, 10):
        got = layer(torch.zeros(1, 2, size, size)).shape[-1]
        print(f"k={k} s={s} p={p} d={d} in={size}: formula={conv_out(size, k, s, p, d)} torch={got}")
for ceil in (False, True):
    for size in (112, 56, 27):
        mp = nn.MaxPool2d(3, 2, ceil_mode=ceil)
        print(ceil, size, pool_out(size, 3, 2, ceil=ceil), mp(torch.zeros(1, 1, size, size)).shape[-1])
sizes = [224]
for k, s, p in [(7, 2, 3), (3, 2, 0), (3, 2, 0), (3, 2, 0), (3, 2, 0)]:
    sizes.append(conv_out(sizes[-1], k, s, p))
print(" -> ".join(str(s) for s in sizes))
x = torch.randn(1, 3, 10, 10)
c = nn.Conv2d(3, 6, 3, groups=3, padding="same")
print(c(x).shape, c.weight.shape, c.padding)
c2 = nn.Conv2d(3, 4, (3, 1), stride=(2, 1), padding=(1, 0))
print(c2(x).shape, c2)
rf = 1
jump = 1
for k, s in [(3, 1), (3, 1), (2, 2), (3, 1)]:
    rf += (k - 1) * jump
    jump *= s
print("receptive field", rf, "jump", jump)
t = nn.ConvTranspose2d(4, 2, 4, stride=2, padding=1)
print(t(torch.randn(1, 4, 5, 5)).shape)
up = nn.Upsample(scale_factor=2, mode="nearest")
print(up(torch.arange(4.0).view(1, 1, 2, 2)))
print(nn.functional.interpolate(torch.arange(4.0).view(1, 1, 2, 2), size=(3, 3), mode="bilinear", align_corners=True))
print(nn.functional.pad(torch.ones(1, 1, 2, 2), (1, 0, 0, 1)))
try:
    nn.Conv2d(3, 4, 3)(torch.randn(1, 2, 5, 5))
except RuntimeError as e:
    print("RuntimeError:", e)
try:
    nn.Conv2d(3, 4, 7)(torch.randn(1, 3, 5, 5))
except RuntimeError as e:
    print("RuntimeError:", e)
