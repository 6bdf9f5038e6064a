# Depthwise-separable convolutions (MobileNet v1 style): groups=in_channels, parameter and
# multiply-add savings computed by hand, equivalence checks against a dense conv.
import torch
import torch.nn as nn


class DepthwiseSeparable(nn.Module):
    def __init__(self, cin, cout, stride=1):
        super().__init__()
        self.depthwise = nn.Conv2d(cin, cin, 3, stride=stride, padding=1, groups=cin, bias=False)
        self.bn1 = nn.BatchNorm2d(cin)
        self.pointwise = nn.Conv2d(cin, cout, 1, bias=False)
        self.bn2 = nn.BatchNorm2d(cout)
        self.act = nn.ReLU6(inplace=True)

    def forward(self, x):
        x = self.act(self.bn1(self.depthwise(x)))
        return self.act(self.bn2(self.pointwise(x)))


def count(m):
    return sum(p.numel() for p in m.parameters())


cin, cout = 8, 16
dense = nn.Conv2d(cin, cout, 3, padding=1, bias=False)
sep = DepthwiseSeparable(cin, cout)
print("dense:", count(dense), "separable:", count(sep), f"ratio {count(sep) / count(dense):.3f}")
print(sep.depthwise)
print(sep.depthwise.weight.shape, sep.pointwise.weight.shape, sep.depthwise.groups)
h = w = 10
madds_dense = h * w * cin * cout * 9
madds_sep = h * w * cin * 9 + h * w * cin * cout
print(f"mult-adds: {madds_dense:,} vs {madds_sep:,}")

# a depthwise conv equals per-channel conv done one channel at a time
x = torch.randn(2, cin, h, w)
dw = sep.depthwise(x)
per = torch.cat([nn.functional.conv2d(x[:, i:i + 1], sep.depthwise.weight[i:i + 1], padding=1)
                 for i in range(cin)], dim=1)
print(torch.allclose(dw, per, atol=1e-5))
# depthwise followed by pointwise equals a dense conv with the product kernel
combined = sep.pointwise.weight[:, :, 0, 0][:, :, None, None] * sep.depthwise.weight[:, 0][None]
y_dense = nn.functional.conv2d(x, combined, padding=1)
y_sep = sep.pointwise(sep.depthwise(x))
print(combined.shape, torch.allclose(y_dense, y_sep, atol=1e-4))

net = nn.Sequential(
    nn.Conv2d(3, 8, 3, stride=2, padding=1, bias=False), nn.BatchNorm2d(8), nn.ReLU6(inplace=True),
    DepthwiseSeparable(8, 16),
    DepthwiseSeparable(16, 32, stride=2),
    DepthwiseSeparable(32, 32),
    nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Dropout(0.2), nn.Linear(32, 3),
)
img = torch.randn(4, 3, 16, 16)
feat = img
for i, layer in enumerate(net):
    feat = layer(feat)
    if isinstance(layer, DepthwiseSeparable) or i == 0:
        print(i, type(layer).__name__, tuple(feat.shape))
print(feat.shape, count(net))
opt = torch.optim.RMSprop(net.parameters(), lr=0.01, alpha=0.9)
labels = torch.tensor([0, 1, 2, 0])
for step in range(3):
    opt.zero_grad()
    loss = nn.functional.cross_entropy(net(img), labels)
    loss.backward()
    opt.step()
    print(f"step {step} loss {loss.item():.4f}")
g = nn.Conv2d(4, 8, 3, groups=2)
print(g.weight.shape, g)
try:
    nn.Conv2d(6, 8, 3, groups=4)
except ValueError as e:
    print("ValueError:", e)
