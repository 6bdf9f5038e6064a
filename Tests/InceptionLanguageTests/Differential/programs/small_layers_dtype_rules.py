# nn.Flatten(start_dim, end_dim) beyond the default, nn.InstanceNorm1d, nn.AdaptiveMaxPool1d,
# nn.ChannelShuffle (reprs, values, gradients), and torch.promote_types, result_type and can_cast.
import torch
import torch.nn as nn
x = (torch.arange(24.0).reshape(2, 3, 4) * 0.37).sin().requires_grad_()
for m in [nn.Flatten(0), nn.Flatten(0, 1), nn.Flatten(-2), nn.InstanceNorm1d(3), nn.InstanceNorm1d(3, affine=True), nn.AdaptiveMaxPool1d(2), nn.AdaptiveMaxPool1d(3)]:
    y = m(x)
    (y * torch.arange(float(y.numel())).reshape(y.shape)).sum().backward()
    print(m, y.shape, y.reshape(-1)[:5], x.grad[1, 2])
    x.grad = None
print(nn.InstanceNorm1d(3)(x[0]).shape, nn.AdaptiveMaxPool1d(2)(x[0]))
c = torch.arange(16.0).reshape(1, 4, 2, 2)
print(nn.ChannelShuffle(2), nn.ChannelShuffle(2)(c))
print(torch.promote_types(torch.int64, torch.float32), torch.promote_types(torch.bool, torch.int64), torch.result_type(torch.tensor([1]), 1.0),
      torch.result_type(torch.tensor([1.0]), 1), torch.result_type(torch.tensor([True]), 2), torch.result_type(torch.tensor([1]), torch.tensor([1.0])),
      torch.can_cast(torch.float32, torch.int64), torch.can_cast(torch.int64, torch.float32), torch.can_cast(torch.bool, torch.int64), torch.can_cast(torch.int64, torch.bool))
