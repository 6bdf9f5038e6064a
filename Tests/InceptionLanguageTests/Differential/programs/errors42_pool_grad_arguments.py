# The pools' argument checks on inputs that require grad (PyTorch's max_pool1d and max_pool2d take other kernels
# there, with the same checks), the 1-D pools that run as the 2-D ones (their messages with a height of 1), and the
# order of the checks where several arguments are wrong at once.
import torch
import torch.nn as nn
import torch.nn.functional as F
x = torch.randn(2, 3, 8, 8, requires_grad=True)
x1 = torch.randn(2, 3, 10, requires_grad=True)
cases = [
    'nn.MaxPool1d(0)(x1)',
    'nn.MaxPool1d(-1)(x1)',
    'nn.MaxPool1d(2, stride=0)(x1)',
    'nn.MaxPool1d(2, padding=2)(x1)',
    'nn.MaxPool1d(2, padding=-1)(x1)',
    'nn.MaxPool1d(2, dilation=0)(x1)',
    'nn.MaxPool1d((2, 2))(x1)',
    'nn.MaxPool1d(2)(x)',
    'nn.MaxPool1d(20)(x1)',
    'nn.MaxPool1d(2)(torch.randn(2, 3, 0, requires_grad=True))',
    'nn.MaxPool2d(0)(x)',
    'nn.MaxPool2d(-1)(x)',
    'nn.MaxPool2d((2, 2, 2))(x)',
    'nn.MaxPool2d(2, stride=0)(x)',
    'nn.MaxPool2d(2, padding=2)(x)',
    'nn.MaxPool2d(2, padding=-1)(x)',
    'nn.MaxPool2d(2, dilation=0)(x)',
    'nn.MaxPool2d(2)(torch.randn(8, 8, requires_grad=True))',
    'nn.MaxPool2d(2)(torch.randn(2, 0, 8, 8, requires_grad=True))',
    'nn.MaxPool2d(10)(x)',
    'nn.MaxPool2d(2, stride=(1, 1, 1))(x)',
    'nn.MaxPool2d(2, return_indices=True)(torch.randn(8, 8))',
    'nn.MaxPool2d(0, return_indices=True)(x)',
    'nn.MaxPool1d(0, return_indices=True)(x1)',
    'nn.MaxPool1d((2, 2), return_indices=True)(x1)',
    'nn.MaxPool1d(2, padding=2, return_indices=True)(x1)',
    'nn.MaxPool2d(2, padding=2)(x.detach())',
    'nn.MaxPool2d(0, stride=-1, padding=5)(x)',
    'nn.MaxPool2d(-1, stride=0)(x)',
    'nn.MaxPool2d(2, stride=0, padding=3)(x)',
    'nn.MaxPool1d(0, stride=0, padding=-1)(x1.detach())',
    'nn.MaxPool2d(2, padding=(0, 2))(x)',
    'nn.MaxPool2d((2, 0))(x)',
    'nn.MaxPool2d(2, stride=(1, 0))(x)',
    'nn.AvgPool2d(-1, stride=0)(x)',
    'nn.AvgPool2d(2, padding=(0, 2))(x)',
    'nn.AvgPool2d((2, 0))(x)',
    'nn.AvgPool1d(0, stride=-1)(x1)',
    'nn.AvgPool1d(2, stride=(1, 1))(x1)',
    'nn.AvgPool1d(2, padding=(1, 1))(x1)',
    'nn.MaxPool1d(2, stride=(1, 1))(x1)',
    'nn.MaxPool1d(2, padding=(1, 1))(x1.detach())',
    'nn.AvgPool2d(2)(torch.randn(2, 0, 8, 8))',
    'nn.AvgPool2d(2)(torch.randn(8))',
    'nn.AvgPool1d(2)(torch.randn(8))',
    'nn.AvgPool1d(2)(torch.randn(3, 0))',
    'nn.MaxPool2d(2)(torch.randn(3, 8, 0))',
    'nn.MaxPool2d(3, padding=1)(torch.randn(1, 1, 1, 1))',
    'nn.AvgPool2d(3, padding=1)(torch.randn(1, 1, 1, 1))',
    'nn.MaxPool2d(2, ceil_mode=True)(torch.randn(1, 1, 1, 1))',
    "F.max_pool2d(x, 2.0, stride='a')",
    "F.max_pool2d(x, 2, ceil_mode='a', padding=1.5)",
    "F.avg_pool2d(x, 2, ceil_mode='a', padding=1.5)",
    'F.avg_pool2d(x, 2, padding=1.5)',
    'F.avg_pool2d(x, 2, 1.5)',
    'F.avg_pool2d(x, 2, 1, 1.5)',
    'F.max_pool2d(x, 2, 1, 1.5)',
    'F.avg_pool1d(x1, 2, 1.5)',
    'F.avg_pool1d(x1, 2, stride=1.5)',
    'F.max_pool1d(x1, 2, stride=1.5)',
    'F.max_pool1d(x1, 2, 1.5)',
    'F.max_pool2d(x, kernel_size=2.0)',
    'F.avg_pool2d(x, kernel_size=2.0)',
    'F.avg_pool2d(input=x, kernel_size=2)',
    "F.max_pool2d(x, 2, return_indices=True, ceil_mode='a')",
    "F.max_pool1d(x1, 2, return_indices=True, ceil_mode='a')",
    "F.max_pool1d(x1, 2, ceil_mode='a')",
    "F.avg_pool1d(x1, 2, ceil_mode='a')",
    'F.avg_pool1d(x1, 2.0)',
    'F.avg_pool1d(x1, (2, 2))',
    'F.max_pool1d(x1, (2, 2))',
    'F.avg_pool1d(x1, 2, padding=(1,1))',
    'F.adaptive_max_pool2d(x, 2.0)',
    'F.adaptive_max_pool2d(x, (2,))',
    'F.adaptive_max_pool2d(x, -1)',
    'F.adaptive_avg_pool2d(x, (-1, 2))',
    'F.adaptive_avg_pool2d(x, (2, -1))',
    'F.adaptive_max_pool2d(x, (2, -1))',
    'F.adaptive_max_pool2d(torch.randn(2, 3, 0, 8), 2)',
    'F.adaptive_max_pool2d(torch.randn(0, 3, 8, 8), 2)',
]
for c in cases:
    try:
        r = eval(c)
        if isinstance(r, torch.Tensor): r = tuple(r.shape)
        elif isinstance(r, nn.Module): r = type(r).__name__
        elif isinstance(r, tuple): r = tuple(tuple(t.shape) if isinstance(t, torch.Tensor) else t for t in r)
        print(c, "->", r)
    except Exception as e:
        print(c, "!!", type(e).__name__, str(e))
