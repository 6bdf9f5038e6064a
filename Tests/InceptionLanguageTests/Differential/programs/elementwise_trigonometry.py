# tan, the inverse and hyperbolic functions and their NumPy names (arcsin, …), the aliases sgn,
# absolute, negative and fix, clamp_min and clamp_max, each as a function, a method and an
# in-place method, with their gradients and grad_fn names; and the sign of a zero gradient:
# +0 where PyTorch's backward selects (relu, hardtanh, relu6, clamp, the shrinks, threshold,
# floor), −0 where it multiplies (abs, leaky_relu with slope 0), and tanhshrink as x − tanh(x).
import torch
import torch.nn as nn
import torch.nn.functional as F

x = torch.tensor([0.5, -0.3, 0.9, 0.0], requires_grad=True)
for f in [torch.tan, torch.asin, torch.acos, torch.atan, torch.sinh, torch.cosh, torch.asinh, torch.atanh,
          torch.arcsin, torch.arccos, torch.arctan, torch.arcsinh, torch.arctanh, torch.sgn, torch.absolute, torch.negative, torch.fix]:
    y = f(x)
    print(y)
    y.sum().backward()
    print(x.grad)
    x.grad = None
print(torch.acosh(torch.tensor([1.0, 1.5, 4.0])), torch.asin(torch.tensor([2.0])), torch.atanh(torch.tensor([1.0, -1.0])))
print(x.tan(), x.arcsin(), x.sinh(), x.clamp_min(0.2), x.clamp_max(0.2), torch.clamp_min(x, 0.1), torch.clamp_max(x, torch.tensor(0.3)))
z = torch.tensor([0.5, 2.0, -1.0])
z.tan_()
print(z)
z.arcsinh_()
print(z)
z.clamp_min_(0.0)
print(z)
z.sgn_()
print(z)
print(torch.tensor([1, -2, 0]).sgn(), torch.tensor([1, -2]).absolute(), torch.tan(torch.tensor([1, 2])))

w = torch.tensor([-1.5, -1.0, 0.5, 2.0, 7.0])
v = torch.tensor([-2.0, 0.0, 1.0, 3.0, 8.0], requires_grad=True)
for f in [F.relu, F.relu6, F.hardtanh, lambda t: t.clamp(-1, 1), lambda t: t.clamp_min(0.5), F.softshrink, F.hardshrink,
          lambda t: F.threshold(t, 1.0, 0.0), torch.floor, torch.sign, torch.abs, lambda t: F.leaky_relu(t, 0.0), F.tanhshrink,
          F.hardswish, F.hardsigmoid, torch.trunc, lambda t: t.div(2, rounding_mode="floor")]:
    v.grad = None
    y = f(v)
    (y * w).sum().backward()
    print(y, v.grad)
print(nn.Tanhshrink()(v), F.tanhshrink(torch.tensor([0.0, 1.0])))
