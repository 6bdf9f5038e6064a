import torch
import torch.nn as nn

torch.manual_seed(2)
net = nn.Sequential(nn.Linear(4, 8), nn.Tanh(), nn.Linear(8, 2))
x = torch.randn(16, 4) * 10
target = torch.randn(16, 2) * 10
loss = ((net(x) - target) ** 2).mean()
loss.backward()
norms = {n: p.grad.norm().item() for n, p in net.named_parameters()}
for n, v in norms.items():
    print(f"{n}: {v:.4f}")
total = torch.nn.utils.clip_grad_norm_(net.parameters(), max_norm=1.0)
print(f"total norm before: {total.item():.4f}")
after = torch.norm(torch.stack([p.grad.norm() for p in net.parameters()]))
print(f"after: {after.item():.4f}")
inf_norm = torch.nn.utils.clip_grad_norm_(net.parameters(), max_norm=0.1, norm_type=float("inf"))
print(f"inf norm: {inf_norm.item():.4f}", max(p.grad.abs().max().item() for p in net.parameters()) <= 0.1 + 1e-6)
for p in net.parameters():
    p.grad.mul_(100)
torch.nn.utils.clip_grad_value_(net.parameters(), clip_value=0.5)
print(sorted(set(round(v, 4) for p in net.parameters() for v in p.grad.flatten().tolist() if abs(v) >= 0.5)))
print(torch.nn.utils.parameters_to_vector(net.parameters()).shape)
g = [p.grad for p in net.parameters()]
print(type(total).__name__, total.dim(), total.requires_grad)
net.zero_grad()
print([p.grad for p in net.parameters()][:1])
net.zero_grad(set_to_none=False)
