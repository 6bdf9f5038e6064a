import torch
import torch.nn as nn
torch.manual_seed(39)
probes = [
    lambda: torch.tensor([1e-4, 1e4]),
    lambda: torch.tensor([0.0001, 0.001]),
    lambda: torch.tensor([1.0, 1000000.0]),
    lambda: torch.tensor([1.0, 100000000.0]),
    lambda: torch.tensor([[-1e-3, 5.5], [2.25, 100.125]]),
    lambda: torch.tensor([0.5]).expand(3),
    lambda: torch.tensor([[True], [False]]),
    lambda: torch.zeros(0, 3, dtype=torch.long),
    lambda: torch.ones(1, 1, 1),
    lambda: torch.randn(2, 1, 2, 2),
    lambda: torch.tensor(float("nan")),
    lambda: torch.tensor([float("nan"), 1.0, -float("inf")]),
    lambda: torch.tensor([1e-10, 0.0]),
    lambda: torch.tensor(-0.0),
    lambda: torch.arange(0, 2, 0.5).requires_grad_(),
    lambda: (torch.arange(3.0, requires_grad=True) ** 2).sum(),
    lambda: nn.Parameter(torch.ones(2, 2)),
    lambda: nn.Parameter(torch.zeros(3), requires_grad=False),
    lambda: torch.tensor([123.456, 0.001, 7.0]),
    lambda: torch.tensor([12345.678]),
    lambda: torch.full((2, 2), 7, dtype=torch.int32),
    lambda: torch.arange(30).reshape(3, 10) * 1.5,
    lambda: torch.linspace(0, 1, 11)[::3],
    lambda: torch.tensor([[1.0, 2.0]]).mean(1).unsqueeze(0),
    lambda: torch.randn(3).detach().numpy if False else torch.randn(3).detach(),
    lambda: (torch.randn(2) > 0).float(),
    lambda: torch.tensor([3.0]) / 0,
    lambda: torch.tensor([1.23456789e-5, 9.87654321e-3]),
]
for i, p in enumerate(probes):
    try:
        print(i, p())
    except Exception as e:
        print(i, type(e).__name__, str(e).splitlines()[0])
torch.set_printoptions(linewidth=40)
print(torch.arange(20.0))
torch.set_printoptions(precision=3, linewidth=80)
print(torch.randn(2, 3) * 100)
torch.set_printoptions(sci_mode=True)
print(torch.tensor([1.5, 2.25]))
torch.set_printoptions(profile="full")
print(torch.arange(1200)[-3:])
torch.set_printoptions(profile="short")
print(torch.randn(3, 3))
torch.set_printoptions(profile="default")
