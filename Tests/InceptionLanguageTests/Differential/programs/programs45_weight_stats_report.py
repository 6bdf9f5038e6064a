import math
import torch
import torch.nn as nn

torch.manual_seed(35)
model = nn.Sequential(nn.Conv2d(3, 16, 5), nn.BatchNorm2d(16), nn.ReLU(), nn.Conv2d(16, 32, 3, groups=4), nn.Flatten(), nn.LazyLinear(10) if False else nn.Linear(32, 10))
print(f"{'name':<12}{'shape':<18}{'numel':>7}{'mean':>9}{'std':>8}{'bound':>8}")
for name, p in model.named_parameters():
    fan_in = p[0].numel() if p.dim() > 1 else 0
    bound = 1 / math.sqrt(fan_in) if fan_in else float("nan")
    print(f"{name:<12}{str(tuple(p.shape)):<18}{p.numel():>7}{p.mean().item():>9.4f}{p.std().item():>8.4f}{bound:>8.4f}")
total = sum(p.numel() for p in model.parameters())
conv = sum(p.numel() for m in model.modules() if isinstance(m, nn.Conv2d) for p in m.parameters())
print(f"total {total:,} ({conv / total:.1%} in convs), {total * 4 / 1024:.2f} KiB as float32")
w = model[0].weight
print(bool((w.abs() <= 1 / math.sqrt(75)).all()), model[3].weight.shape, model[3].groups)
sizes = {n: tuple(b.shape) for n, b in model.named_buffers()}
print(sizes)
print(max(model.named_parameters(), key=lambda kv: kv[1].numel())[0], min(p.numel() for p in model.parameters()))
flat = torch.cat([p.detach().flatten() for p in model.parameters()])
print(flat.shape, f"{flat.abs().max().item():.4f}", torch.histc(flat, bins=4, min=-0.3, max=0.3))
q = torch.quantile(flat, torch.tensor([0.25, 0.5, 0.75]))
print(q)
