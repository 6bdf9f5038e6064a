# nn.ConvTranspose2d and F.conv_transpose2d: PyTorch's weight layout (in, out/groups, kh, kw),
# initialisation, output sizes (stride, padding, output_padding, dilation, groups), values and
# gradients, and an upsampling decoder trained for a few steps.
import torch
import torch.nn as nn
import torch.nn.functional as F

torch.manual_seed(0)
up = nn.ConvTranspose2d(2, 3, 2, stride=2)
print(up, up.weight.shape, up.bias.shape)
x = torch.randn(1, 2, 3, 3, requires_grad=True)
y = up(x)
print(y.shape, y.grad_fn.name())
print(y[0, :, :2, :4])
y.pow(2).sum().backward()
print(x.grad[0, 0], up.weight.grad[1], up.bias.grad)

for kwargs in [dict(stride=2, padding=1), dict(stride=2, padding=1, output_padding=1), dict(stride=3, padding=2, dilation=2),
               dict(stride=1, padding=0, groups=2), dict(stride=2, bias=False)]:
    layer = nn.ConvTranspose2d(4, 6, 3, **kwargs)
    print(layer, tuple(layer(torch.randn(2, 4, 5, 4)).shape))

w = torch.randn(3, 2, 3, 3)
z = F.conv_transpose2d(torch.randn(1, 3, 4, 4), w, bias=torch.ones(2), stride=2, padding=1)
print(z.shape, z[0, 1, 0])

decoder = nn.Sequential(nn.ConvTranspose2d(4, 8, 4, stride=2, padding=1), nn.ReLU(), nn.ConvTranspose2d(8, 1, 4, stride=2, padding=1))
opt = torch.optim.SGD(decoder.parameters(), lr=0.05)
code, target = torch.randn(2, 4, 3, 3), torch.rand(2, 1, 12, 12)
for step in range(4):
    opt.zero_grad()
    loss = F.mse_loss(decoder(code), target)
    loss.backward()
    opt.step()
    print(step, round(loss.item(), 5))

for bad in [lambda: nn.ConvTranspose2d(2, 2, 3, stride=2, output_padding=2),
            lambda: F.conv_transpose2d(torch.randn(1, 3, 4, 4), torch.randn(2, 3, 3, 3)),
            lambda: nn.ConvTranspose2d(2, 2, 3, stride=2, output_padding=2)(torch.randn(1, 2, 4, 4))]:
    try:
        bad()
        print("accepted")
    except (RuntimeError, ValueError) as e:
        print(type(e).__name__ + ":", e)
