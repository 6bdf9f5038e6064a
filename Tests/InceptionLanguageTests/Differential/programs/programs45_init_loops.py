import torch
import torch.nn as nn

torch.manual_seed(0)
net = nn.Sequential(
    nn.Conv2d(3, 8, 3), nn.BatchNorm2d(8), nn.ReLU(),
    nn.Conv2d(8, 8, 3, bias=False), nn.ReLU(),
    nn.Flatten(), nn.Linear(8 * 2 * 2, 10),
)
for m in net.modules():
    if isinstance(m, nn.Conv2d):
        nn.init.kaiming_normal_(m.weight, mode="fan_out", nonlinearity="relu")
        if m.bias is not None:
            nn.init.constant_(m.bias, 0.0)
    elif isinstance(m, nn.BatchNorm2d):
        nn.init.ones_(m.weight)
        nn.init.zeros_(m.bias)
    elif isinstance(m, nn.Linear):
        nn.init.normal_(m.weight, 0, 0.01)
        nn.init.zeros_(m.bias)

for name, p in net.named_parameters():
    print(f"{name:10s} shape={str(list(p.shape)):14s} mean={p.mean().item():+.4f} std={p.std().item() if p.numel() > 1 else 0.0:.4f}")

def init_xavier(m):
    if type(m) == nn.Linear:
        nn.init.xavier_uniform_(m.weight, gain=nn.init.calculate_gain("tanh"))
        m.bias.data.fill_(0.01)
net.apply(init_xavier)
print(net[6].bias[:3])
print(f"{nn.init.calculate_gain('leaky_relu', 0.2):.4f} {nn.init.calculate_gain('relu'):.4f} {nn.init.calculate_gain('sigmoid')}")
w = torch.empty(3, 5)
nn.init.trunc_normal_(w, std=0.02, a=-0.04, b=0.04)
print(bool(w.abs().max() <= 0.04))
nn.init.orthogonal_(w)
print(torch.allclose(w @ w.T, torch.eye(3), atol=1e-5))
nn.init.uniform_(w, -1, 1)
print(w.min().item() >= -1, w.max().item() <= 1)
with torch.no_grad():
    net[0].weight.mul_(0.5)
print(net[0].weight.requires_grad, net[0].weight.grad)
x = torch.randn(2, 3, 6, 6)
print(net(x).shape)
