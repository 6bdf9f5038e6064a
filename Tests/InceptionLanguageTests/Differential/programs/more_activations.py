# nn.Hardswish, Hardsigmoid, Mish, LogSigmoid, Softsign, Tanhshrink, CELU, SELU, Hardshrink,
# Softshrink and Threshold and their F functions: values (at the kinks too), gradients, reprs
# (Hardswish and Hardsigmoid leave inplace out; the shrinks show their lambda alone) and
# Threshold's required arguments.
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
