# A layer's device= and dtype=, checked the same way for every layer; load_state_dict(assign=True)
import torch
import torch.nn as nn

layers = [
    lambda: nn.Linear(3, 2, device="cpu", dtype=torch.float32),
    lambda: nn.Conv2d(3, 4, 3, device=torch.device("cpu"), dtype=torch.float32),
    lambda: nn.BatchNorm2d(4, device="cpu", dtype=torch.float32),
    lambda: nn.LayerNorm(5, device="cpu", dtype=torch.float32),
    lambda: nn.Embedding(6, 2, device="cpu", dtype=torch.float32),
    lambda: nn.GRU(3, 4, device="cpu", dtype=torch.float32),
]
for make in layers:
    m = make()
    p = next(m.parameters())
    print(type(m).__name__, p.dtype, p.device, tuple(p.shape))

for text, make in [("Linear int64", lambda: nn.Linear(3, 2, dtype=torch.int64)),
                   ("Conv2d bool", lambda: nn.Conv2d(3, 2, 1, dtype=torch.bool)),
                   ("Embedding int32", lambda: nn.Embedding(3, 2, dtype=torch.int32)),
                   ("Linear str dtype", lambda: nn.Linear(3, 2, dtype="float32"))]:
    try:
        make()
        print(text, "built")
    except (RuntimeError, TypeError) as e:
        print(text, type(e).__name__, e)

for text, make in [("Linear cuda", lambda: nn.Linear(3, 2, device="cuda")),
                   ("full cuda", lambda: torch.full((2,), 1.0, device="cuda")),
                   ("zeros_like cuda", lambda: torch.zeros_like(torch.ones(2), device="cuda"))]:
    try:
        make()
        print(text, "built")
    except RuntimeError as e:
        print(text, type(e).__name__)
print(torch.full((2,), 1.5, device="cpu"), torch.ones_like(torch.zeros(2), device=torch.device("cpu")))

m = nn.Linear(3, 2)
sd = {k: torch.full_like(v, 0.5) for k, v in m.state_dict().items()}
print(m.load_state_dict(sd, assign=True))
print(m.weight, m.bias.requires_grad)
print(m.load_state_dict(m.state_dict(), strict=True, assign=False))
