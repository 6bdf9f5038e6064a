import torch
import torch.nn as nn

class BasicConv(nn.Module):
    def __init__(self, cin, cout, **kw):
        super().__init__()
        self.conv = nn.Conv2d(cin, cout, bias=False, **kw)
        self.bn = nn.BatchNorm2d(cout, eps=0.001)

    def forward(self, x):
        return torch.relu(self.bn(self.conv(x)))

class Inception(nn.Module):
    def __init__(self, cin, c1, c3r, c3, c5r, c5, pp):
        super().__init__()
        self.branch1 = BasicConv(cin, c1, kernel_size=1)
        self.branch2 = nn.Sequential(BasicConv(cin, c3r, kernel_size=1), BasicConv(c3r, c3, kernel_size=3, padding=1))
        self.branch3 = nn.Sequential(BasicConv(cin, c5r, kernel_size=1), BasicConv(c5r, c5, kernel_size=3, padding=1))
        self.branch4 = nn.Sequential(nn.MaxPool2d(3, stride=1, padding=1, ceil_mode=True), BasicConv(cin, pp, kernel_size=1))

    def forward(self, x):
        outs = [self.branch1(x), self.branch2(x), self.branch3(x), self.branch4(x)]
        for i, o in enumerate(outs, 1):
            print(f"  branch{i}: {tuple(o.shape)}")
        return torch.cat(outs, 1)

torch.manual_seed(3)
block = Inception(8, 4, 3, 6, 2, 2, 2)
x = torch.randn(2, 8, 7, 7)
y = block(x)
print(y.shape, y.size(1) == 4 + 6 + 2 + 2)
print(f"{y.mean().item():.4f} {y.std().item():.4f} {(y > 0).float().mean().item():.4f}")
block.eval()
with torch.no_grad():
    z = block(x)
print(torch.allclose(y, z), f"{(y - z).abs().max().item():.4f}")
n = sum(p.numel() for p in block.parameters())
print(f"{n} parameters, {sum(b.numel() for b in block.buffers())} buffer elements")
for name, m in block.named_modules():
    if isinstance(m, nn.Conv2d):
        print(name, m.in_channels, m.out_channels, m.kernel_size, m.padding)
pieces = torch.split(y, [4, 6, 2, 2], dim=1)
print([p.shape[1] for p in pieces])
print(block.branch4[0])
