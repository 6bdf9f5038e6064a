# nn.Hardswish, Hardsigmoid, Mish, LogSigmoid, Softsign, Tanhshrink, CELU, SELU, Hardshrink,
# Softshrink and Threshold and their F functions: values (at the kinks too), gradients, reprs
# (Hardswish and Hardsigmoid leave inplace out; the shrinks show their lambda alone) and
# Threshold's required arguments; nn.Softmin, Softmax2d and GLU (F.softmin, F.glu).
import torch
import torch.nn as nn
import torch.nn.functional as F

torch.manual_seed(0)
x = torch.randn(2, 6, requires_grad=True)
with torch.no_grad():
    x[0, 0] = 3.0; x[0, 1] = -3.0; x[1, 0] = 0.5
for m in [nn.Hardswish(), nn.Mish(), nn.Hardsigmoid(), nn.LogSigmoid(), nn.Softsign(), nn.Tanhshrink(), nn.CELU(alpha=0.5), nn.CELU(),
          nn.SELU(), nn.Hardshrink(), nn.Softshrink(0.3), nn.Threshold(0.1, 20)]:
    y = m(x)
    y.sum().backward()
    print(m, y, x.grad)
    x.grad = None
z = torch.linspace(-4, 4, 9)
print(F.hardswish(z), F.hardsigmoid(z), F.logsigmoid(z), F.softsign(z), F.tanhshrink(z))
print(F.celu(z, alpha=2.0), F.selu(z), F.hardshrink(z, 1.5), F.softshrink(z, lambd=1.5), F.threshold(z, 1.0, -1.0), F.mish(z))
print(F.logsigmoid(torch.tensor([-100.0, 20.0])), F.mish(torch.tensor([-30.0, 30.0])))
print(nn.SELU(inplace=True), nn.Threshold(0.1, 2.0, True), nn.Mish(inplace=True), nn.Hardswish(inplace=True))
try:
    nn.Threshold()
except TypeError:
    print("TypeError")

# Softmin, Softmax2d and GLU: along a dim
x = torch.randn(2, 4, 3, 3, requires_grad=True)
y = nn.Softmin(dim=1)(x)
print(nn.Softmin(dim=1), y[0, :, 0, 0])
z = nn.Softmax2d()(x)
print(nn.Softmax2d(), z[1, :, 2, 2])
(y[:, 0].sum() + z[:, 1].sum()).backward()
print(x.grad[0, :, 0, 0])
g = torch.randn(3, 4, requires_grad=True)
out = F.glu(g)
out.sum().backward()
print(out, g.grad, nn.GLU(), nn.GLU(dim=0)(torch.randn(4, 2)).shape, F.softmin(torch.tensor([1.0, 2.0, 3.0]), dim=0))
for bad in [lambda: F.glu(torch.randn(3, 5)), lambda: nn.Softmax2d()(torch.randn(3, 4))]:
    try:
        bad()
    except (RuntimeError, ValueError) as e:
        print(type(e).__name__, e)
