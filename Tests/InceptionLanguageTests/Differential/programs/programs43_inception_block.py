# small Inception block with parameter count per branch
import torch
import torch.nn as nn
import torch.nn.functional as F
torch.manual_seed(0)

class BasicConv2d(nn.Module):
    def __init__(self, in_channels, out_channels, **kwargs):
        super().__init__()
        self.conv = nn.Conv2d(in_channels, out_channels, bias=False, **kwargs)
        self.bn = nn.BatchNorm2d(out_channels, eps=0.001)

    def forward(self, x):
        return F.relu(self.bn(self.conv(x)), inplace=True)

class InceptionBlock(nn.Module):
    def __init__(self, in_channels, ch1x1, ch3x3red, ch3x3, ch5x5red, ch5x5, pool_proj):
        super().__init__()
        self.branch1 = BasicConv2d(in_channels, ch1x1, kernel_size=1)
        self.branch2 = nn.Sequential(
            BasicConv2d(in_channels, ch3x3red, kernel_size=1),
            BasicConv2d(ch3x3red, ch3x3, kernel_size=3, padding=1))
        self.branch3 = nn.Sequential(
            BasicConv2d(in_channels, ch5x5red, kernel_size=1),
            BasicConv2d(ch5x5red, ch5x5, kernel_size=5, padding=2))
        self.branch4 = nn.Sequential(
            nn.MaxPool2d(kernel_size=3, stride=1, padding=1, ceil_mode=True),
            BasicConv2d(in_channels, pool_proj, kernel_size=1))

    def _forward(self, x):
        return [self.branch1(x), self.branch2(x), self.branch3(x), self.branch4(x)]

    def forward(self, x):
        outputs = self._forward(x)
        return torch.cat(outputs, 1)

block = InceptionBlock(12, 8, 6, 10, 2, 4, 4)
print(block)
for name, branch in block.named_children():
    count = sum(p.numel() for p in branch.parameters())
    print(f"{name:<8} {count:>6,d} params")
total = sum(p.numel() for p in block.parameters())
print(f"{'total':<8} {total:>6,d}")
x = torch.randn(2, 12, 9, 9)
outs = block._forward(x)
print([tuple(o.shape) for o in outs])
y = block(x)
print(y.shape, y.size(1) == 8 + 10 + 4 + 4)
print(f"{y.mean():.4f} {y.max():.4f}")
block.eval()
with torch.no_grad():
    z = block(x)
print(torch.allclose(z, y), z.shape)
loss = y.pow(2).mean()
loss.backward()
gsum = {n: round(sum(p.grad.abs().sum().item() for p in b.parameters()), 3) > 0 for n, b in block.named_children()}
print(gsum)
print(F.adaptive_avg_pool2d(y, 1).flatten(1).shape)
print(torch.flatten(F.adaptive_avg_pool2d(y, (1, 1)), 1).shape)
