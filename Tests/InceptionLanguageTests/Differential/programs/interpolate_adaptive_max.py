# F.interpolate / nn.Upsample (nearest and bilinear, align_corners both ways) and adaptive max pooling: values and gradients.
import torch
import torch.nn as nn
import torch.nn.functional as F
torch.manual_seed(0)
x = torch.randn(1, 2, 3, 4, requires_grad=True)
for kw in [dict(scale_factor=2), dict(size=(5, 7)), dict(scale_factor=1.5), dict(size=(6, 8), mode="bilinear"),
           dict(size=(5, 3), mode="bilinear"), dict(scale_factor=2, mode="bilinear", align_corners=True),
           dict(size=(2, 9), mode="bilinear", align_corners=False), dict(size=4), dict(scale_factor=(2, 0.5))]:
    y = F.interpolate(x, **kw)
    (y * torch.arange(y.numel()).reshape(y.shape)).sum().backward()
    print(kw, tuple(y.shape), y.grad_fn.name())
    print(y.detach()[0, 0])
    print(x.grad[0, 1])
    x.grad = None
print(nn.Upsample(scale_factor=2), nn.Upsample(size=(4, 4), mode="bilinear", align_corners=False), nn.Upsample(scale_factor=2.5, mode="nearest"))
print(nn.Upsample(scale_factor=2)(torch.ones(1, 1, 2, 2)).shape)
for size in [1, 2, (2, 3), (3, 2)]:
    y = F.adaptive_max_pool2d(x, size)
    y.sum().backward()
    print(size, y.detach(), y.grad_fn.name(), x.grad.sum().item())
    x.grad = None
print(nn.AdaptiveMaxPool2d((2, 2)), nn.AdaptiveMaxPool2d(1)(torch.arange(16.0).reshape(1, 1, 4, 4)))
print(nn.Upsample(scale_factor=(2, 3)))
