def f(a, *args, scale=2, **kwargs):
    return a, args, scale, kwargs
print(f(1), f(1, 2, 3), f(1, scale=5, extra="x"), f(*[1, 2], **{"scale": 3, "k": 4}))
def g(a, b=2, *, c=3):
    return a + b * c
print(g(1), g(1, 5), g(1, c=10))
def h(*, key):
    return key
print(h(key=7))
opts = {"kernel_size": 3, "padding": 1}
import torch.nn as nn
print(nn.Conv2d(3, 4, **opts))
print((lambda *xs: sum(xs))(1, 2, 3))
import torch
import torch.nn.functional as F
class BasicConv2d(nn.Module):
    def __init__(self, in_channels, out_channels, **kwargs):
        super().__init__()
        self.conv = nn.Conv2d(in_channels, out_channels, bias=False, **kwargs)
        self.bn = nn.BatchNorm2d(out_channels, eps=0.001)
    def forward(self, x):
        return F.relu(self.bn(self.conv(x)), inplace=True)
b = BasicConv2d(3, 8, kernel_size=3, stride=2, padding=1)
print(b)
print(b(torch.zeros(1, 3, 5, 5)).shape)
