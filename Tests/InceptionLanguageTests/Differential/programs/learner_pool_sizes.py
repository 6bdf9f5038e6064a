# Learners' ways of giving a pooling window or kernel: a torch.Size from x.shape, a list, a tuple
import torch
import torch.nn as nn
import torch.nn.functional as F

x = torch.randn(2, 4, 7, 7)
gap = F.avg_pool2d(x, x.shape[2:])
print(gap.shape, torch.allclose(gap, x.mean((2, 3), keepdim=True), atol=1e-6))
print(F.avg_pool2d(x, kernel_size=x.size()[2:]).flatten(1)[0, :3])
print(F.max_pool2d(x, x.size()[-2:]).shape)
print(F.max_pool2d(x, [3, 3], [2, 2], [1, 1]).shape)
print(F.avg_pool2d(x, [3, 3], stride=[2, 2]).shape)
print(nn.AvgPool2d(x.shape[2:])(x).shape)
print(nn.MaxPool2d([3, 3], stride=[1, 1], padding=[1, 1])(x).shape)
print(nn.AvgPool2d([5, 5], [3, 3])(torch.randn(1, 2, 14, 14)).shape)
conv = nn.Conv2d(4, 3, x.shape[2:])
print(conv, conv(x).shape)
print(nn.Conv2d(4, 3, [3, 3], stride=[2, 2], padding=[1, 1])(x).shape)
