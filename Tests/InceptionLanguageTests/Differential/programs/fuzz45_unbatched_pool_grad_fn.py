import torch
import torch.nn as nn
import torch.nn.functional as F
x = torch.arange(32.0).reshape(2, 4, 4).requires_grad_()
for m in [nn.MaxPool2d(2), nn.AvgPool2d(2), nn.AdaptiveAvgPool2d(3), nn.AdaptiveAvgPool2d(1), nn.Conv2d(2, 2, 1)]:
    y = m(x)
    print(type(m).__name__, y.shape, y.grad_fn.name())
    if not isinstance(m, nn.Conv2d):
        y.sum().backward()
        print(x.grad.sum())
        x.grad = None
print(F.avg_pool2d(x, 2).grad_fn.name(), F.max_pool2d(x, 2).grad_fn.name(), F.adaptive_avg_pool2d(x, 2).grad_fn.name())
