# Squeeze-and-excitation block inside a small residual network: channel attention weights,
# hooks that record the excitation, parameter counts, and one optimisation step.
import torch
import torch.nn as nn
import torch.nn.functional as F


class SEBlock(nn.Module):
    def __init__(self, channels, reduction=4):
        super().__init__()
        self.squeeze = nn.AdaptiveAvgPool2d(1)
        self.excite = nn.Sequential(
            nn.Linear(channels, channels // reduction, bias=False),
            nn.ReLU(inplace=True),
            nn.Linear(channels // reduction, channels, bias=False),
            nn.Sigmoid(),
        )

    def forward(self, x):
        b, c, _, _ = x.size()
        y = self.squeeze(x).view(b, c)
        y = self.excite(y).view(b, c, 1, 1)
        return x * y.expand_as(x)


class SEResBlock(nn.Module):
    def __init__(self, channels):
        super().__init__()
        self.conv1 = nn.Conv2d(channels, channels, 3, padding=1, bias=False)
        self.bn1 = nn.BatchNorm2d(channels)
        self.conv2 = nn.Conv2d(channels, channels, 3, padding=1, bias=False)
        self.bn2 = nn.BatchNorm2d(channels)
        self.se = SEBlock(channels)

    def forward(self, x):
        out = F.relu(self.bn1(self.conv1(x)))
        out = self.bn2(self.conv2(out))
        out = self.se(out)
        return F.relu(out + x)


net = nn.Sequential(
    nn.Conv2d(3, 8, 3, padding=1), nn.BatchNorm2d(8), nn.ReLU(),
    SEResBlock(8), SEResBlock(8),
    nn.AdaptiveAvgPool2d((1, 1)), nn.Flatten(), nn.Linear(8, 5),
)
print(net[3])
excitations = []
for m in net.modules():
    if isinstance(m, SEBlock):
        m.excite.register_forward_hook(lambda mod, inp, out: excitations.append(out.detach()))
x = torch.randn(2, 3, 8, 8)
out = net(x)
print(out.shape, len(excitations), excitations[0].shape)
print(excitations[0].min().item() > 0, excitations[0].max().item() < 1)
print(excitations[1].mean(dim=1))
for name, p in net.named_parameters():
    if "se" in name:
        print(f"{name:28s} {str(tuple(p.shape)):10s} {p.numel():5d}")
n_se = sum(p.numel() for n, p in net.named_parameters() if ".se." in n)
print("SE params:", n_se, "of", sum(p.numel() for p in net.parameters()))
opt = torch.optim.SGD(net.parameters(), lr=0.1)
target = torch.tensor([1, 3])
loss = F.cross_entropy(out, target)
loss.backward()
print(f"loss {loss.item():.4f}")
print(net[3].se.excite[0].weight.grad.abs().sum().item() > 0)
opt.step()
print(net[4].bn1.running_mean[:3])
print(net[4].bn1.num_batches_tracked)
net.eval()
with torch.no_grad():
    print(net(x).argmax(1).tolist())
