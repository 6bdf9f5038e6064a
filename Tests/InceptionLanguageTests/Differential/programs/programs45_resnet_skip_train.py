import torch
import torch.nn as nn
import torch.nn.functional as F

class Residual(nn.Module):
    def __init__(self, cin, cout, stride=1):
        super().__init__()
        self.conv1 = nn.Conv2d(cin, cout, 3, stride, 1, bias=False)
        self.bn1 = nn.BatchNorm2d(cout)
        self.conv2 = nn.Conv2d(cout, cout, 3, 1, 1, bias=False)
        self.bn2 = nn.BatchNorm2d(cout)
        self.down = None
        if stride != 1 or cin != cout:
            self.down = nn.Sequential(nn.Conv2d(cin, cout, 1, stride, bias=False), nn.BatchNorm2d(cout))

    def forward(self, x):
        identity = x if self.down is None else self.down(x)
        out = F.relu(self.bn1(self.conv1(x)))
        out = self.bn2(self.conv2(out))
        return F.relu(out + identity)

torch.manual_seed(14)
net = nn.Sequential(nn.Conv2d(1, 4, 3, padding=1), Residual(4, 4), Residual(4, 8, stride=2), nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(8, 2))
print(net[2])
print(net[1].down, net[2].down is not None)
X = torch.randn(16, 1, 8, 8)
Y = (X[:, 0, :4].sum((1, 2)) > X[:, 0, 4:].sum((1, 2))).long()
opt = torch.optim.SGD(net.parameters(), lr=0.05, momentum=0.9, weight_decay=5e-4, nesterov=True)
sched = torch.optim.lr_scheduler.CosineAnnealingLR(opt, T_max=6)
for epoch in range(6):
    net.train()
    loss = F.cross_entropy(net(X), Y)
    opt.zero_grad(set_to_none=True)
    loss.backward()
    gn = torch.nn.utils.clip_grad_norm_(net.parameters(), 5.0)
    opt.step()
    sched.step()
    net.eval()
    with torch.inference_mode():
        acc = (net(X).argmax(-1) == Y).float().mean()
    print(f"{epoch}: loss={loss:.4f} grad_norm={gn:.3f} acc={acc:.3f} lr={sched.get_last_lr()[0]:.5f}")
params = sum(p.numel() for p in net.parameters())
bufs = sum(b.numel() for n, b in net.named_buffers() if "running" in n)
print(f"{params=} {bufs=}")
