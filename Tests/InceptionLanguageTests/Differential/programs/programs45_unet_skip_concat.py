import torch
import torch.nn as nn
import torch.nn.functional as F

def double_conv(cin, cout):
    return nn.Sequential(nn.Conv2d(cin, cout, 3, padding=1, bias=False), nn.BatchNorm2d(cout), nn.ReLU(inplace=True),
                         nn.Conv2d(cout, cout, 3, padding=1, bias=False), nn.BatchNorm2d(cout), nn.ReLU(inplace=True))

class TinyUNet(nn.Module):
    def __init__(self, c=4):
        super().__init__()
        self.down1 = double_conv(1, c)
        self.down2 = double_conv(c, 2 * c)
        self.pool = nn.MaxPool2d(2)
        self.up = nn.ConvTranspose2d(2 * c, c, 2, stride=2)
        self.dec = double_conv(2 * c, c)
        self.out = nn.Conv2d(c, 1, 1)

    def forward(self, x):
        d1 = self.down1(x)
        d2 = self.down2(self.pool(d1))
        u = self.up(d2)
        if u.shape[-2:] != d1.shape[-2:]:
            u = F.pad(u, [0, d1.shape[-1] - u.shape[-1], 0, d1.shape[-2] - u.shape[-2]])
        return self.out(self.dec(torch.cat([d1, u], dim=1)))

torch.manual_seed(30)
net = TinyUNet()
for size in (8, 9):
    x = torch.randn(2, 1, size, size)
    print(size, net(x).shape)
masks = (torch.rand(4, 1, 8, 8) > 0.5).float()
imgs = masks + 0.3 * torch.randn(4, 1, 8, 8)
opt = torch.optim.Adam(net.parameters(), lr=0.01)
def dice(logits, target, eps=1.0):
    p = torch.sigmoid(logits)
    inter = (p * target).sum((1, 2, 3))
    return 1 - ((2 * inter + eps) / (p.sum((1, 2, 3)) + target.sum((1, 2, 3)) + eps)).mean()
for step in range(4):
    logits = net(imgs)
    loss = F.binary_cross_entropy_with_logits(logits, masks) + dice(logits, masks)
    opt.zero_grad()
    loss.backward()
    opt.step()
    iou = (((logits > 0) & (masks > 0)).sum() / ((logits > 0) | (masks > 0)).sum()).item()
    print(f"step {step} loss {loss.item():.4f} iou {iou:.3f}")
print(sum(p.numel() for p in net.parameters()), len([m for m in net.modules() if isinstance(m, nn.BatchNorm2d)]))
print(net.up)
