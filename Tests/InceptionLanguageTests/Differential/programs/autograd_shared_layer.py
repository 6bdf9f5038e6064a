import torch
import torch.nn as nn
lin = nn.Linear(2, 2)
conv = nn.Conv2d(1, 1, 3, padding=1)
with torch.no_grad():
    lin.weight.copy_(torch.tensor([[0.5, -1.0], [2.0, 0.25]]))
    lin.bias.copy_(torch.tensor([0.1, -0.2]))
    conv.weight.copy_((torch.arange(9.0).reshape(1, 1, 3, 3) % 4 - 1) / 10)
    conv.bias.fill_(0.5)
x = torch.tensor([[1.0, 2.0], [-1.0, 0.5]])
lin(lin(x)).sum().backward()
print(lin.weight.grad)
print(lin.bias.grad)
img = torch.arange(16.0).reshape(1, 1, 4, 4) / 8
conv(conv(img)).sum().backward()
print(conv.weight.grad)
print(conv.bias.grad)
lin(x).sum().backward()
print(lin.weight.grad)
print(lin.bias.grad)
