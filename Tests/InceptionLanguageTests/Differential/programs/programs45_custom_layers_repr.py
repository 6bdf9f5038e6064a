import torch
import torch.nn as nn

class Scale(nn.Module):
    def __init__(self, channels, init=1.0):
        super().__init__()
        self.gamma = nn.Parameter(torch.full((1, channels, 1, 1), init))

    def forward(self, x):
        return x * self.gamma

    def extra_repr(self):
        return f"channels={self.gamma.shape[1]}, init={self.gamma.flatten()[0].item()}"

class ConvBlock(nn.Module):
    def __init__(self, cin, cout, act=nn.ReLU):
        super().__init__()
        self.body = nn.Sequential(nn.Conv2d(cin, cout, 3, padding=1, bias=False), nn.BatchNorm2d(cout), act())
        self.scale = Scale(cout, 0.5)
        self.skip = nn.Identity() if cin == cout else nn.Conv2d(cin, cout, 1)

    def forward(self, x):
        return self.scale(self.body(x)) + self.skip(x)

torch.manual_seed(11)
net = nn.Sequential(ConvBlock(3, 4), ConvBlock(4, 4, act=nn.GELU), nn.AdaptiveMaxPool2d((1, 1)))
print(net)
print(net[0].scale)
print(repr(net[1].skip), str(net[2]))
x = torch.randn(2, 3, 6, 6)
y = net(x)
print(y.shape, y.flatten(1).shape)
counts = {}
for m in net.modules():
    counts[type(m).__name__] = counts.get(type(m).__name__, 0) + 1
print(dict(sorted(counts.items())))
print([n for n, p in net.named_parameters() if "gamma" in n])
children = list(net.children())
print(len(children), type(children[0]).__name__, children[-1].output_size)
print(net[0].body[0].weight.shape, net[0].skip.weight.shape, net[0].skip.bias.shape)
net[1].body[2] = nn.LeakyReLU(0.1)
print(net[1].body)
del net[2]
print(len(net), net(x).shape)
net.add_module("pool", nn.AvgPool2d(2))
print(net.pool, net(x).shape)
