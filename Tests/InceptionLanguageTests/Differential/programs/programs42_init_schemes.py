# Weight initialisation recipes: calculate_gain for each nonlinearity, xavier/kaiming with gain
# and mode, orthogonal_, trunc_normal_, zeros_/ones_/constant_/eye_/dirac_, model.apply(init_fn),
# fan computation and the empirical std of the resulting weights.
import math
import torch
import torch.nn as nn

for nl in ["linear", "conv2d", "sigmoid", "tanh", "relu", "selu"]:
    print(f"{nl:8s} {nn.init.calculate_gain(nl):.6f}")
print(f"leaky_relu {nn.init.calculate_gain('leaky_relu', 0.2):.6f}")
print(f"leaky_relu default {nn.init.calculate_gain('leaky_relu'):.6f}")
try:
    nn.init.calculate_gain("swish")
except ValueError as e:
    print("ValueError:", e)

w = torch.empty(256, 128)
nn.init.xavier_uniform_(w, gain=nn.init.calculate_gain("tanh"))
bound = nn.init.calculate_gain("tanh") * math.sqrt(6.0 / (256 + 128))
print(f"xavier_uniform max {w.abs().max().item() <= bound} std {w.std().item():.3f}")
nn.init.xavier_normal_(w)
print(f"xavier_normal std {w.std().item():.3f} expect {math.sqrt(2.0 / 384):.3f}")
nn.init.kaiming_uniform_(w, a=math.sqrt(5))
print(f"kaiming_uniform(a=sqrt5) std {w.std().item():.4f}")
nn.init.kaiming_normal_(w, mode="fan_out", nonlinearity="relu")
print(f"kaiming_normal fan_out std {w.std().item():.3f} expect {math.sqrt(2 / 256):.3f}")
nn.init.kaiming_normal_(w, mode="fan_in", nonlinearity="leaky_relu", a=0.1)
print(f"kaiming_normal fan_in std {w.std().item():.3f}")
nn.init.trunc_normal_(w, mean=0.0, std=0.02, a=-0.04, b=0.04)
print(f"trunc_normal within {w.min().item() >= -0.04 and w.max().item() <= 0.04}")
nn.init.normal_(w, mean=1.0, std=0.5)
print(f"normal mean {w.mean().item():.2f}")
nn.init.uniform_(w, -0.1, 0.1)
print(f"uniform in range {(w.abs() <= 0.1).all().item()}")

q = torch.empty(6, 4)
nn.init.orthogonal_(q, gain=2.0)
print(torch.allclose(q.t() @ q, 4 * torch.eye(4), atol=1e-4))
e = torch.empty(3, 5)
nn.init.eye_(e)
print(e)
d = torch.empty(2, 2, 3, 3)
nn.init.dirac_(d)
print(d[0, 0], d[0, 1].sum().item())
c = torch.empty(2, 3)
print(nn.init.constant_(c, 0.25), nn.init.zeros_(torch.empty(2)), nn.init.ones_(torch.empty(2)))

conv = nn.Conv2d(3, 16, 5)
fan_in = conv.weight.size(1) * conv.weight[0][0].numel()
print("conv fan_in", fan_in, "fan_out", conv.weight.size(0) * 25)


def init_weights(m):
    if isinstance(m, nn.Linear):
        nn.init.xavier_uniform_(m.weight)
        m.bias.data.fill_(0.01)
    elif isinstance(m, nn.Conv2d):
        nn.init.kaiming_normal_(m.weight, mode="fan_out", nonlinearity="relu")
        if m.bias is not None:
            nn.init.zeros_(m.bias)
    elif isinstance(m, nn.BatchNorm2d):
        nn.init.constant_(m.weight, 1)
        nn.init.constant_(m.bias, 0)


model = nn.Sequential(nn.Conv2d(3, 8, 3), nn.BatchNorm2d(8), nn.ReLU(), nn.Flatten(), nn.Linear(8 * 4 * 4, 10))
ret = model.apply(init_weights)
print(ret is model)
print(model[4].bias[:3], model[0].bias.abs().sum().item(), model[1].weight.sum().item())
with torch.no_grad():
    for name, p in model.named_parameters():
        print(f"{name:10s} mean={p.mean().item():+.3f} std={p.std().item() if p.numel() > 1 else 0:.3f}")
r = nn.init.normal_(torch.empty(3), std=1.0)
print(r.shape, r.requires_grad)
