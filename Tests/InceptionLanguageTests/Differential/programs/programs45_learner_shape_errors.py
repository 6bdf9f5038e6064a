import torch
import torch.nn as nn
import torch.nn.functional as F

torch.manual_seed(33)
model = nn.Sequential(nn.Conv2d(3, 4, 3), nn.ReLU(), nn.Flatten(), nn.Linear(4 * 6 * 6, 10))
checks = [
    ("wrong flatten size", lambda: model(torch.randn(2, 3, 10, 10))),
    ("missing batch dim ok", lambda: model[0](torch.randn(3, 8, 8)).shape),
    ("wrong channels", lambda: model(torch.randn(2, 1, 8, 8))),
    ("float targets", lambda: F.cross_entropy(torch.randn(4, 3), torch.tensor([0.0, 1.0, 2.0, 1.0]))),
    ("target out of range", lambda: F.nll_loss(torch.randn(2, 3).log_softmax(1), torch.tensor([0, 3]))),
    ("mse shapes", lambda: F.mse_loss(torch.randn(4, 1), torch.randn(4)).item() >= 0),
    ("view non-contiguous", lambda: torch.randn(2, 3).t().view(6)),
    ("cat mismatch", lambda: torch.cat([torch.zeros(2, 3), torch.zeros(2, 4)])),
    ("matmul mismatch", lambda: torch.randn(2, 3) @ torch.randn(2, 3)),
    ("linear 1d", lambda: nn.Linear(3, 2)(torch.randn(3)).shape),
    ("bce range", lambda: F.binary_cross_entropy(torch.tensor([1.5]), torch.tensor([1.0]))),
    ("item of many", lambda: torch.zeros(3).item()),
    ("index out of range", lambda: torch.zeros(3)[5]),
    ("reshape bad", lambda: torch.zeros(6).reshape(4, -1)),
    ("backward non-scalar", lambda: (torch.ones(2, requires_grad=True) * 2).backward()),
    ("int requires_grad", lambda: torch.tensor([1, 2], requires_grad=True)),
    ("leaf inplace", lambda: torch.ones(2, requires_grad=True).add_(1)),
]
for name, fn in checks:
    try:
        out = fn()
        print(f"{name}: ok {out}")
    except (RuntimeError, ValueError, IndexError, TypeError) as e:
        print(f"{name}: {type(e).__name__}: {str(e).splitlines()[0]}")
