# LPPool1d/2d and F.lp_pool*, composed as PyTorch's; nn.Flatten over one dim returns its input;
# adaptive average pooling to 1×1 is a mean; Embedding(max_norm) checks indices as embedding_renorm_ does.
import torch
import torch.nn as nn
import torch.nn.functional as F
x = torch.tensor([[-0.8, -2.5, -2.8, 1.5, 0.35, 2.0]], requires_grad=True)
for m in [nn.LPPool1d(1, 2, stride=1), nn.LPPool1d(2, 3), nn.LPPool1d(2.0, 2, ceil_mode=True), nn.LPPool1d(3, 2, stride=2)]:
    print(m)
    y = m(x); print(y)
    y.sum().backward(); print(x.grad); x.grad = None
x2 = torch.arange(32.).reshape(2, 4, 4).sub(10).div(4).requires_grad_()
for m in [nn.LPPool2d(2, 2), nn.LPPool2d(1, (2, 3), stride=1), nn.LPPool2d(2, 4, stride=2), nn.LPPool2d(3, 3, ceil_mode=True)]:
    print(m)
    try:
        y = m(x2); print(y, y.shape)
        y.sum().backward(); print(x2.grad); x2.grad = None
    except RuntimeError as e: print('RuntimeError', e)
print(F.lp_pool2d(x2.unsqueeze(0), 2, 2).shape, F.lp_pool1d(x, 2, 2, stride=1))
print(nn.Flatten(-1)(x) is x, nn.Flatten(1, 1)(x2) is x2)
print(F.adaptive_avg_pool2d(x2, 1), nn.AdaptiveAvgPool2d((1, 1))(x2.unsqueeze(0)))
e = nn.Embedding(5, 3, max_norm=1.0)
try: e(torch.tensor([3, 0, 5]))
except IndexError as err: print('IndexError', err)
try: e(torch.tensor([-7, 1]))
except IndexError as err: print('IndexError', err)
try: nn.Upsample(scale_factor=2, mode='nearest', align_corners=True)(x2)
except ValueError as err: print('ValueError', err)
