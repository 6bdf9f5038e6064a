# torch.addmm, addmv and baddbmm (beta·input + alpha·product), with their gradients and
# messages; x.unflatten, torch.unflatten and nn.Unflatten.
import torch
import torch.nn as nn

torch.manual_seed(0)
bias = torch.randn(3, requires_grad=True)
a = torch.randn(2, 4, requires_grad=True)
b = torch.randn(4, 3)
y = torch.addmm(bias, a, b)
print(y.grad_fn.name(), y)
y.sum().backward()
print(bias.grad, a.grad)
print(torch.addmm(torch.ones(2, 3), a, b, beta=0.5, alpha=2))
print(torch.addmm(torch.full((2, 3), float("nan")), a, b, beta=0))

v = torch.randn(4)
print(torch.addmv(torch.ones(2), a, v, alpha=3))
q, k = torch.randn(2, 3, 4), torch.randn(2, 4, 5)
print(torch.baddbmm(torch.zeros(2, 3, 5), q, k, alpha=0.5).shape)
print(torch.baddbmm(torch.ones(5), q, k)[1, 2])

for bad in [lambda: torch.addmm(torch.zeros(2, 4), a, torch.ones(3)),
            lambda: torch.addmm(torch.zeros(2, 4), a, torch.ones(3, 4)),
            lambda: torch.addmm(torch.zeros(4), a, b),
            lambda: torch.addmv(torch.zeros(2), a, torch.ones(3)),
            lambda: torch.baddbmm(torch.zeros(2, 3, 5), q, torch.ones(3, 4, 5))]:
    try:
        bad()
    except RuntimeError as e:
        print("RuntimeError:", e)

x = torch.arange(24.).reshape(2, 12)
print(x.unflatten(1, (3, 4)).shape, torch.unflatten(x, -1, (2, -1)).shape)
layer = nn.Unflatten(1, (2, 2, 3))
print(layer, layer(x).shape)
decoder = nn.Sequential(nn.Linear(4, 12), nn.Unflatten(1, (3, 2, 2)), nn.ReLU())
print(decoder(torch.randn(5, 4)).shape)
try:
    x.unflatten(1, (5, 2))
except RuntimeError as e:
    print("RuntimeError:", e)
