import torch
import torch.nn as nn
import torch.nn.functional as F
torch.manual_seed(0)
conv = nn.Conv2d(2, 3, 3, padding=1)
bn = nn.BatchNorm2d(3)
with torch.no_grad():
    conv.weight.copy_(torch.linspace(-1, 1, 54).reshape(3, 2, 3, 3))
    conv.bias.copy_(torch.tensor([0.1, -0.2, 0.3]))
x = torch.linspace(-2, 2, 32).reshape(1, 2, 4, 4)
y = bn(conv(x))
F.relu(y, inplace=True)
z = y.sum() * 2
z.backward()
print(y.grad_fn is not None, conv.weight.grad.abs().sum(), conv.bias.grad.abs().max() < 1e-4, bn.weight.grad)
conv.zero_grad(); bn.zero_grad()
a = conv(x)
b = bn(a)
b = nn.ReLU(inplace=True)(b)
out = b + 0
out += a
out.relu_()
loss = (out * out).mean()
loss.backward()
print(loss, conv.weight.grad[0, 0], conv.bias.grad, bn.bias.grad)
c = torch.zeros(3)
w = torch.tensor([1.0, 2.0, 3.0], requires_grad=True)
c += w
c.sum().backward()
print(c, w.grad)
class M(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(2, 4, 3)
        self.relu = nn.ReLU(inplace=True)
    def forward(self, x):
        x = self.conv(x)
        x = self.relu(x)
        return x
m = M()
print(m(x).shape, m(x).min() >= 0)
