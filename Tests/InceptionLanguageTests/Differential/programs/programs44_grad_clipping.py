import torch
import torch.nn as nn
torch.manual_seed(0)
model = nn.Sequential(nn.Linear(3, 5), nn.Tanh(), nn.Linear(5, 1))
x = torch.randn(10, 3) * 10
y = torch.randn(10, 1)
loss = ((model(x) - y) ** 2).mean() * 100
loss.backward()
before = [p.grad.norm().item() for p in model.parameters()]
print(" ".join(f"{b:.4f}" for b in before))
total = nn.utils.clip_grad_norm_(model.parameters(), max_norm=1.0)
print(f"total norm {total.item():.4f}")
after = [p.grad.norm().item() for p in model.parameters()]
print(" ".join(f"{a:.4f}" for a in after))
print(f"{torch.sqrt(sum(torch.tensor(a) ** 2 for a in after)).item():.4f}")
nn.utils.clip_grad_value_(model.parameters(), clip_value=0.05)
print(max(p.grad.abs().max().item() for p in model.parameters()))
model.zero_grad()
print([p.grad for p in model.parameters()][:1])
loss = model(x).sum(); loss.backward()
n2 = nn.utils.clip_grad_norm_(model.parameters(), 0.5, norm_type=float("inf"))
print(f"inf norm {n2.item():.4f}", max(p.grad.abs().max().item() for p in model.parameters()) <= 0.5 + 1e-6)
