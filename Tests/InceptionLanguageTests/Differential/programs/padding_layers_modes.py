# The padding layers (ZeroPad, ConstantPad, ReflectionPad, ReplicationPad, CircularPad in 1-D
# and 2-D), nn.Conv2d with padding_mode 'reflect', 'replicate' and 'circular', and
# nn.BatchNorm2d / BatchNorm1d with affine=False or track_running_stats=False: reprs,
# state_dict keys, values in train and eval mode, gradients.
import torch
import torch.nn as nn

x = torch.arange(24.0).reshape(1, 2, 3, 4).requires_grad_()
for m in [nn.ZeroPad2d(1), nn.ZeroPad2d((1, 0, 2, 1)), nn.ConstantPad2d((1, 0, 2, 1), 0.5), nn.ConstantPad1d(2, -1.0),
          nn.ReflectionPad2d(1), nn.ReplicationPad2d((1, 1, 0, 2)), nn.CircularPad2d(1), nn.ZeroPad1d(1)]:
    y = m(x)
    (y * torch.arange(float(y.numel())).reshape(y.shape)).sum().backward()
    print(m, y.shape, y[0, 1], x.grad[0, 0])
    x.grad = None
print(nn.ReflectionPad1d((2, 1))(x[0]), nn.ReplicationPad1d(1)(x[0]).shape, nn.Sequential(nn.ReflectionPad2d(1), nn.Conv2d(2, 1, 3)))

z = torch.arange(50.0).reshape(1, 2, 5, 5).sin().requires_grad_()
for mode in ["reflect", "replicate", "circular"]:
    torch.manual_seed(0)
    m = nn.Conv2d(2, 3, 3, padding=1, padding_mode=mode)
    y = m(z)
    y.sum().backward()
    print(m, y[0, 0], y.shape, z.grad[0, 1], m.weight.grad.sum())
    z.grad = None
torch.manual_seed(0)
m = nn.Conv2d(2, 1, (3, 1), stride=2, padding=(1, 0), padding_mode="reflect", bias=False)
print(m, m(z), list(m.state_dict().keys()))
print(nn.Conv2d(2, 1, 3, padding="same", padding_mode="circular")(z).shape)

torch.manual_seed(0)
b = torch.randn(4, 3, 2, 2, requires_grad=True)
for m in [nn.BatchNorm2d(3, affine=False), nn.BatchNorm2d(3, track_running_stats=False),
          nn.BatchNorm2d(3, affine=False, track_running_stats=False, momentum=0.3), nn.BatchNorm1d(3, affine=False)]:
    inp = b if "2d" in repr(m) else b[:, :, 0, 0]
    y = m(inp)
    (y * torch.arange(float(y.numel())).reshape(y.shape)).sum().backward()
    print(m, y[0], m.state_dict(), b.grad[1], [p.grad for p in m.parameters()])
    b.grad = None
    m.eval()
    print(m(inp)[1], list(m.state_dict().keys()), m.training)
try:
    nn.BatchNorm2d(3, affine=False)(torch.ones(3, 2))
except ValueError as err:
    print(type(err).__name__, err)
