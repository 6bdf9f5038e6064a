import torch
import torch.nn as nn

torch.manual_seed(27)
layers = []
cin = 3
for cout in (8, 8, 16, 16):
    layers += [nn.Conv2d(cin, cout, 3, padding=1), nn.ReLU()]
    cin = cout
net = nn.Sequential(*layers)
stats = []
def record(m, i, o):
    stats.append((type(m).__name__, o.mean().item(), o.std().item(), (o == 0).float().mean().item()))
for m in net:
    m.register_forward_hook(record)
x = torch.randn(4, 3, 8, 8)
net(x)
for k, (name, mu, sd, dead) in enumerate(stats):
    print(f"{k:2d} {name:7s} mean={mu:+.4f} std={sd:.4f} zero={dead:.2%}")
for m in net:
    if isinstance(m, nn.Conv2d):
        nn.init.kaiming_uniform_(m.weight, nonlinearity="relu")
        nn.init.zeros_(m.bias)
stats.clear()
with torch.no_grad():
    out = net(x)
print([f"{s[2]:.3f}" for s in stats if s[0] == "ReLU"])
x.requires_grad_(True)
out = net[:-1](x)
out[0, 0, 4, 4].backward()
nz = x.grad[0].abs().sum(0) > 0
rows = nz.any(1).nonzero().flatten()
cols = nz.any(0).nonzero().flatten()
print("receptive field:", rows.min().item(), rows.max().item(), cols.min().item(), cols.max().item(), int(nz.sum()))
