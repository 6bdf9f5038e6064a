import torch
import torch.nn as nn
conv = nn.Conv2d(1, 1, 3, padding=1, bias=False)
nn.init.constant_(conv.weight, 1.0)
x = torch.arange(16.0).reshape(1, 1, 4, 4)
print(conv(x))
print(conv.weight.shape, conv.bias)
