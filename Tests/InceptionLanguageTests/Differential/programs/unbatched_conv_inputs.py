# One example without its batch dimension: (C, H, W) into 2-D convolutions and pools, (C, L) into Conv1d.
import torch
import torch.nn as nn


def show(label, f):
    try:
        print(label, f())
    except Exception as e:
        print(label, type(e).__name__, e)


img = torch.randn(3, 6, 6)
conv = nn.Conv2d(3, 2, 3, padding=1)
y = conv(img)
print(y.shape)
print(torch.allclose(y, conv(img.unsqueeze(0))[0]))
print(nn.MaxPool2d(2)(img).shape, nn.AvgPool2d(2)(img).shape, nn.AdaptiveAvgPool2d(1)(img).shape)
print(nn.Conv2d(3, 4, (3, 1), dilation=2)(img).shape)
print(nn.ConvTranspose2d(3, 2, 2, stride=2)(img).shape)
print(nn.Conv1d(3, 2, 3)(torch.randn(3, 8)).shape)
net = nn.Sequential(nn.Conv2d(3, 4, 3), nn.ReLU(), nn.MaxPool2d(2), nn.Flatten(0), nn.Linear(16, 2))
out = net(img)
print(out.shape)
out.sum().backward()
print(net[0].weight.grad.shape, conv.weight.grad)
small = nn.Conv2d(1, 1, 2, bias=False)
with torch.no_grad():
    small.weight.fill_(1.0)
x = torch.arange(9.0).reshape(1, 3, 3).requires_grad_()
z = small(x)
print(z)
z.sum().backward()
print(x.grad)
show("channels", lambda: nn.Conv2d(3, 4, 3)(torch.randn(2, 5, 5)))
