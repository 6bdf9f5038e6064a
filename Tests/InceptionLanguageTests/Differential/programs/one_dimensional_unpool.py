# nn.Conv1d, MaxPool1d, AvgPool1d, AdaptiveAvgPool1d (and their F functions) on (N, C, L) and
# unbatched (C, L) inputs; MaxPool2d(return_indices=True) with MaxUnpool2d; values, shapes,
# reprs, gradients and messages as in PyTorch.
import torch
import torch.nn as nn
import torch.nn.functional as F

torch.manual_seed(0)
conv = nn.Conv1d(2, 4, 3, padding=1)
print(conv, conv.weight.shape)
signal = torch.randn(3, 2, 10, requires_grad=True)
y = conv(signal)
print(y.shape, y.grad_fn.name(), y[0, 0])
print(nn.Conv1d(2, 4, 5, stride=2, dilation=2, groups=2, bias=False), nn.Conv1d(2, 3, 3, padding="same"))
print(conv(torch.randn(2, 10)).shape, F.conv1d(signal, torch.randn(5, 2, 4), stride=3).shape)

pool = nn.MaxPool1d(3, 2, 1, ceil_mode=True)
print(pool, pool(y).shape)
values, where = nn.MaxPool1d(2, return_indices=True)(y)
print(values[1, 2], where[1, 2])
print(nn.AvgPool1d(3, 2, 1), nn.AvgPool1d(3, 2, 1)(y)[2, 1], F.avg_pool1d(y, 4, ceil_mode=True)[0, 0])
print(nn.AdaptiveAvgPool1d(4), F.adaptive_avg_pool1d(y, 3)[1, 3])
loss = pool(F.relu(y)).sum() + nn.AdaptiveAvgPool1d(4)(y).pow(2).sum() + F.avg_pool1d(y, 3).sum()
loss.backward()
print(signal.grad[0, 1], conv.bias.grad)

image = torch.randn(1, 2, 5, 6, requires_grad=True)
down = nn.MaxPool2d(2, return_indices=True)
up = nn.MaxUnpool2d(2)
print(down, up)
small, indices = down(image)
print(small.grad_fn.name(), indices.dtype, indices)
restored = up(small, indices)
print(restored.shape, restored.grad_fn.name(), restored[0, 0])
print(up(small, indices, output_size=image.size()).shape, F.max_unpool2d(small, indices, 2, output_size=(5, 6)).shape)
restored.sum().backward()
print(image.grad[0, 1])
out, idx = F.max_pool2d(torch.arange(16.).reshape(1, 1, 4, 4), 3, stride=1, padding=1, return_indices=True)
print(out, idx)

for bad in [lambda: nn.MaxPool1d(3, padding=2)(signal),
            lambda: nn.Conv1d(2, 3, 3)(torch.randn(1, 3, 7)),
            lambda: F.max_unpool2d(small, torch.where(indices == 23, 99, indices), 2),
            lambda: up(small, indices, output_size=(8, 8))]:
    try:
        bad()
    except (RuntimeError, ValueError) as e:
        print(type(e).__name__ + ":", e)
