import torch
import torch.nn as nn
class Inception(nn.Module):
    def __init__(self, in_ch, ch1x1, ch3x3red, ch3x3, ch5x5red, ch5x5, pool_proj):
        super(Inception, self).__init__()
        self.branch1 = nn.Conv2d(in_ch, ch1x1, kernel_size=1)
        self.branch2 = nn.Sequential(nn.Conv2d(in_ch, ch3x3red, kernel_size=1), nn.ReLU(True), nn.Conv2d(ch3x3red, ch3x3, kernel_size=3, padding=1))
        self.branch3 = nn.Sequential(nn.Conv2d(in_ch, ch5x5red, kernel_size=1), nn.ReLU(True), nn.Conv2d(ch5x5red, ch5x5, kernel_size=5, padding=2))
        self.branch4 = nn.Sequential(nn.MaxPool2d(kernel_size=3, stride=1, padding=1), nn.Conv2d(in_ch, pool_proj, kernel_size=1))
    def forward(self, x):
        outputs = [self.branch1(x), self.branch2(x), self.branch3(x), self.branch4(x)]
        return torch.cat(outputs, 1)
m = Inception(192, 64, 96, 128, 16, 32, 32)
x = torch.ones(1, 192, 28, 28)
print(m(x).shape)
total = 0
for name, p in m.named_parameters():
    total += p.numel()
    print(f"{name:25s} {str(list(p.shape)):20s} {p.numel():>8,}")
print(f"total {total:,}")
print(sum(p.numel() for p in m.branch2.parameters()))
print(m.branch2[2])
print(len(m.branch2), m.branch2[-1].out_channels)
for i, layer in enumerate(m.branch3):
    print(i, type(layer).__name__)
print(isinstance(m.branch1, nn.Conv2d), isinstance(m, nn.Module))
a, b, c = torch.arange(10).split([2, 3, 5])
print(a, b, c, [p.shape for p in torch.ones(2, 6).split([1, 5], dim=1)])
