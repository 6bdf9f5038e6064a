# The element-wise activations beyond ReLU/Sigmoid/Tanh: values, gradients, grad_fn names and reprs.
import torch
import torch.nn as nn
import torch.nn.functional as F
x = torch.linspace(-3, 7, 11).requires_grad_()
for m in [nn.LeakyReLU(), nn.ReLU6(), nn.Hardtanh(), nn.Hardtanh(-2, 2), nn.SiLU(),
          nn.ELU(), nn.ELU(alpha=0.5), nn.GELU(), nn.GELU(approximate="tanh"), nn.Softplus(), nn.Softplus(beta=2, threshold=5)]:
    y = m(x)
    y.sum().backward()
    print(m, y.grad_fn.name())
    print(y.detach())
    print(x.grad)
    x.grad = None
print(F.leaky_relu(x, 0.3).detach(), F.relu6(x).detach(), F.silu(x).detach())
print(F.gelu(torch.tensor([0.5]), approximate="tanh"), F.elu(torch.tensor([-1.0]), alpha=2.0), F.softplus(torch.tensor([1.0]), beta=0.5))
print(nn.Sequential(nn.Conv2d(1, 2, 3), nn.LeakyReLU(0.1), nn.GELU()))
print(nn.LeakyReLU(0.2, inplace=True))
