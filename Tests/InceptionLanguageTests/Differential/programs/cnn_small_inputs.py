import torch
import torch.nn as nn
import torch.nn.functional as F

# ceil_mode pooling keeps a last window that starts inside the input and reaches past it, even
# when the kernel is larger than the (padded) input: SqueezeNet/GoogLeNet pools on small images
x = torch.randn(1, 2, 2, 9, requires_grad=True)
for m in [nn.MaxPool2d(3, 2, ceil_mode=True), nn.AvgPool2d(3, 2, ceil_mode=True),
          nn.AvgPool2d(3, 2, ceil_mode=True, count_include_pad=False), nn.MaxPool2d(3, 2, 1, ceil_mode=True),
          nn.MaxPool2d((3, 2), 2, ceil_mode=True)]:
    y = m(x)
    g, = torch.autograd.grad((y * torch.arange(y.numel()).reshape(y.shape)).sum(), x)
    print(m, tuple(y.shape))
    print(y)
    print(g[0, 0])
print(F.max_pool2d(x, 3, 2, ceil_mode=True).shape, F.avg_pool2d(x, 3, 2, ceil_mode=True).shape)

class Fire(nn.Module):
    def __init__(self, inplanes, squeeze, e1, e3):
        super().__init__()
        self.squeeze = nn.Conv2d(inplanes, squeeze, 1)
        self.expand1x1 = nn.Conv2d(squeeze, e1, 1)
        self.expand3x3 = nn.Conv2d(squeeze, e3, 3, padding=1)
    def forward(self, x):
        x = F.relu(self.squeeze(x))
        return torch.cat([F.relu(self.expand1x1(x)), F.relu(self.expand3x3(x))], 1)

net = nn.Sequential(nn.Conv2d(3, 8, 3, stride=2), nn.ReLU(inplace=True), nn.MaxPool2d(3, 2, ceil_mode=True),
                    Fire(8, 4, 4, 4), nn.MaxPool2d(3, 2, ceil_mode=True), Fire(8, 4, 8, 8),
                    nn.Dropout(0.5), nn.Conv2d(16, 5, 1), nn.ReLU(inplace=True), nn.AdaptiveAvgPool2d(1), nn.Flatten())
inp = torch.randn(2, 3, 11, 11)
print([tuple(inp[:, :, :k, :k].shape) for k in (11,)], net[:3](inp).shape, net[:5](inp).shape)
opt = torch.optim.SGD(net.parameters(), lr=0.01, momentum=0.9)
for step in range(2):
    opt.zero_grad()
    loss = F.cross_entropy(net(inp), torch.tensor([0, 4]))
    loss.backward()
    opt.step()
    print(step, round(loss.item(), 5), round(net[3].expand3x3.weight.grad.norm().item(), 5))

# an input too small for the kernel or the window: PyTorch's messages
def attempt(f):
    try:
        print("ok", tuple(f().shape))
    except RuntimeError as e:
        print("RuntimeError:", e)
attempt(lambda: nn.MaxPool2d(2)(torch.randn(2, 3, 1, 1)))
attempt(lambda: nn.AvgPool2d(3, 2)(torch.randn(2, 5, 2, 8)))
attempt(lambda: nn.MaxPool2d(3, 1)(torch.randn(1, 2, 1, 1)))
attempt(lambda: F.max_pool2d(torch.randn(1, 3, 1, 1), 2))
attempt(lambda: nn.Conv2d(3, 8, 5)(torch.randn(2, 3, 3, 3)))
attempt(lambda: nn.Conv2d(3, 8, 5, padding=1)(torch.randn(3, 2, 8)))
attempt(lambda: nn.Conv2d(3, 8, 3, dilation=2)(torch.randn(2, 3, 4, 4)))
attempt(lambda: nn.Conv2d(4, 8, 3, groups=2)(torch.randn(2, 4, 2, 2)))
attempt(lambda: nn.Conv2d(3, 8, (1, 3))(torch.randn(2, 3, 2, 2)))
attempt(lambda: F.conv2d(torch.randn(1, 3, 2, 2), torch.randn(4, 3, 3, 3)))
attempt(lambda: nn.Conv2d(3, 8, 3)(torch.randn(8, 8)))
attempt(lambda: nn.Conv2d(3, 6, 3, groups=3)(torch.randn(1, 2, 3, 8, 8)))

# inputs of the wrong rank for pooling and BatchNorm2d (forgetting the batch or flattening too early)
attempt(lambda: nn.MaxPool2d(2)(torch.randn(8, 8)))
attempt(lambda: nn.MaxPool2d(2)(torch.randn(1, 2, 3, 8, 8)))
attempt(lambda: nn.AvgPool2d(2)(torch.randn(1, 2, 3, 8, 8)))
attempt(lambda: nn.AdaptiveMaxPool2d(1)(torch.randn(8, 8)))
attempt(lambda: nn.MaxPool2d(2)(torch.randn(3, 4, 4)))
try:
    nn.BatchNorm2d(8)(torch.randn(4, 8))
except ValueError as e:
    print("ValueError:", e)
try:
    nn.BatchNorm2d(3)(torch.randn(3, 4, 4))
except ValueError as e:
    print("ValueError:", e)
