import torch
import torch.nn as nn
import torch.nn.functional as F

torch.manual_seed(24)
x = torch.randn(2, 3, 4, 4)
gap = nn.AdaptiveAvgPool2d(1)(x)
print(gap.shape, torch.allclose(gap.flatten(1), x.mean((2, 3))))
print(torch.allclose(F.avg_pool2d(x, x.shape[-2:]).view(x.size(0), -1), x.mean(dim=[-1, -2])))
print(x.view(x.size(0), -1).shape, x.reshape(2, -1).shape, torch.flatten(x, start_dim=2).shape, nn.Flatten(0, 1)(x).shape)
un = nn.Unflatten(1, (3, 16))
print(un(x.flatten(1)).shape)
mx = F.adaptive_max_pool2d(x, (2, 2))
print(mx.shape, torch.equal(mx[:, :, 0, 0], x[:, :, :2, :2].amax((2, 3))))
vals, idx = F.max_pool2d(x, 2, return_indices=True)
print(idx[0, 0], vals[0, 0])
print(F.max_unpool2d(vals, idx, 2).shape)
t = x.transpose(1, 3)
try:
    t.view(2, -1)
except RuntimeError as e:
    print("RuntimeError:", str(e)[:70])
print(t.contiguous().view(2, -1).shape, t.reshape(2, -1).shape)
print(F.adaptive_avg_pool2d(torch.arange(25.0).view(1, 1, 5, 5), 3))
lp = nn.LPPool2d(2, 2)
print(lp(torch.ones(1, 1, 4, 4)))
print(nn.AvgPool2d(3, 1, 1, count_include_pad=False)(torch.ones(1, 1, 3, 3)))
print(nn.AvgPool2d(3, 1, 1)(torch.ones(1, 1, 3, 3)))
