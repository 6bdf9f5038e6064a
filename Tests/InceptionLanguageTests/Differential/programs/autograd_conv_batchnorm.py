import torch
import torch.nn as nn
conv = nn.Conv2d(2, 3, 3, padding=1)
bn = nn.BatchNorm2d(3)
with torch.no_grad():
    conv.weight.copy_((torch.arange(54.0).reshape(3, 2, 3, 3) % 7 - 3) / 10)
    conv.bias.fill_(0.2)
x = (torch.arange(2 * 2 * 5 * 5, dtype=torch.float32).reshape(2, 2, 5, 5) % 11 - 5) / 4
y = torch.relu(bn(conv(x)))
loss = (y * (torch.arange(y.numel(), dtype=torch.float32).reshape(y.shape) % 5 - 2)).sum()
loss.backward()
print(f"{loss.item():.4f}")
print(conv.weight.grad.sum(dim=(1, 2, 3)))
print(conv.bias.grad.abs().max() < 1e-4)
print(bn.weight.grad, bn.bias.grad)
print(bn.running_mean)
