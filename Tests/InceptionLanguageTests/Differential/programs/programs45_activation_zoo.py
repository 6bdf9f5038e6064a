import torch
import torch.nn as nn
import torch.nn.functional as F

x = torch.linspace(-3, 3, 7)
acts = [nn.ReLU(), nn.ReLU6(), nn.LeakyReLU(0.1), nn.ELU(), nn.SELU(), nn.CELU(0.5), nn.GELU(), nn.GELU(approximate="tanh"), nn.SiLU(), nn.Mish(),
        nn.Sigmoid(), nn.Tanh(), nn.Softplus(beta=2), nn.Softsign(), nn.Hardsigmoid(), nn.Hardswish(), nn.Hardtanh(), nn.Tanhshrink(),
        nn.Softshrink(0.5), nn.Hardshrink(0.5), nn.LogSigmoid(), nn.Threshold(0.5, -1.0), nn.PReLU()]
for a in acts:
    print(f"{str(a):<40}", [round(v, 3) for v in a(x).tolist()])
print(F.softmax(x, 0).sum().item(), F.log_softmax(x, 0)[:2], F.softmin(x[:3], 0))
print(F.normalize(torch.tensor([[3.0, 4.0]]), dim=1), F.glu(torch.arange(4.0), 0))
y = x.clone().requires_grad_(True)
for name in ["relu", "gelu", "silu", "mish", "elu", "hardswish"]:
    y.grad = None
    getattr(F, name)(y).sum().backward()
    print(name, [round(v, 3) for v in y.grad.tolist()])
