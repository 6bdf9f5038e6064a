import torch
import torch.nn as nn
import torch.nn.functional as F

class DoubleConv(nn.Module):
    """(convolution => [BN] => ReLU) * 2"""
    def __init__(self, in_channels, out_channels, mid_channels=None):
        super().__init__()
        if not mid_channels:
            mid_channels = out_channels
        self.double_conv = nn.Sequential(
            nn.Conv2d(in_channels, mid_channels, kernel_size=3, padding=1, bias=False),
            nn.BatchNorm2d(mid_channels),
            nn.ReLU(inplace=True),
            nn.Conv2d(mid_channels, out_channels, kernel_size=3, padding=1, bias=False),
            nn.BatchNorm2d(out_channels),
            nn.ReLU(inplace=True)
        )

    def forward(self, x):
        return self.double_conv(x)

class Down(nn.Module):
    def __init__(self, in_channels, out_channels):
        super().__init__()
        self.maxpool_conv = nn.Sequential(nn.MaxPool2d(2), DoubleConv(in_channels, out_channels))

    def forward(self, x):
        return self.maxpool_conv(x)

class Up(nn.Module):
    def __init__(self, in_channels, out_channels, bilinear=True):
        super().__init__()
        if bilinear:
            self.up = nn.Upsample(scale_factor=2, mode='bilinear', align_corners=True)
            self.conv = DoubleConv(in_channels, out_channels, in_channels // 2)
        else:
            self.up = nn.ConvTranspose2d(in_channels, in_channels // 2, kernel_size=2, stride=2)
            self.conv = DoubleConv(in_channels, out_channels)

    def forward(self, x1, x2):
        x1 = self.up(x1)
        diffY = x2.size()[2] - x1.size()[2]
        diffX = x2.size()[3] - x1.size()[3]
        x1 = F.pad(x1, [diffX // 2, diffX - diffX // 2, diffY // 2, diffY - diffY // 2])
        x = torch.cat([x2, x1], dim=1)
        return self.conv(x)

class UNet(nn.Module):
    def __init__(self, n_channels, n_classes, bilinear=False):
        super(UNet, self).__init__()
        self.n_channels = n_channels
        self.n_classes = n_classes
        self.bilinear = bilinear
        self.inc = DoubleConv(n_channels, 8)
        self.down1 = Down(8, 16)
        self.down2 = Down(16, 32)
        factor = 2 if bilinear else 1
        self.down3 = Down(32, 64 // factor)
        self.up1 = Up(64, 32 // factor, bilinear)
        self.up2 = Up(32, 16 // factor, bilinear)
        self.up3 = Up(16, 8, bilinear)
        self.outc = nn.Conv2d(8, n_classes, kernel_size=1)

    def forward(self, x):
        x1 = self.inc(x)
        x2 = self.down1(x1)
        x3 = self.down2(x2)
        x4 = self.down3(x3)
        x = self.up1(x4, x3)
        x = self.up2(x, x2)
        x = self.up3(x, x1)
        logits = self.outc(x)
        return logits

def dice_coeff(input, target, epsilon=1e-6):
    inter = 2 * (input * target).sum(dim=(-1, -2))
    sets_sum = input.sum(dim=(-1, -2)) + target.sum(dim=(-1, -2))
    sets_sum = torch.where(sets_sum == 0, inter, sets_sum)
    dice = (inter + epsilon) / (sets_sum + epsilon)
    return dice.mean()

for bilinear in (False, True):
    torch.manual_seed(0)
    net = UNet(n_channels=1, n_classes=2, bilinear=bilinear)
    img = torch.randn(2, 1, 20, 20)
    mask = (torch.rand(2, 20, 20) > 0.5).long()
    opt = torch.optim.RMSprop(net.parameters(), lr=1e-3, weight_decay=1e-8, momentum=0.9)
    for step in range(2):
        pred = net(img)
        loss = F.cross_entropy(pred, mask)
        loss += 1 - dice_coeff(F.softmax(pred, dim=1).float(), F.one_hot(mask, net.n_classes).permute(0, 3, 1, 2).float())
        opt.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(net.parameters(), 1.0)
        opt.step()
        print(f"bilinear={bilinear} step={step} loss={loss.item():.4f}")
    print(pred.shape, pred.argmax(dim=1).float().mean().item())
    print(net.up1)

# `loss = criterion(...); loss += extra`: the loss changes in place and the backward still runs
x = torch.randn(4, 3, requires_grad=True)
t = torch.tensor([0, 1, 2, 1])
for name, f in [("cross_entropy", lambda: F.cross_entropy(x, t)),
                ("CrossEntropyLoss", lambda: torch.nn.CrossEntropyLoss()(x, t)),
                ("mse", lambda: F.mse_loss(x, torch.zeros(4, 3))),
                ("nll", lambda: F.nll_loss(F.log_softmax(x, 1), t)),
                ("bce_logits", lambda: F.binary_cross_entropy_with_logits(x, torch.ones(4, 3))),
                ("smooth_l1", lambda: F.smooth_l1_loss(x, torch.zeros(4, 3)))]:
    loss = f()
    loss += 0.5 * x.abs().sum()
    loss *= 2
    loss -= 0.1 * x.pow(2).mean()
    loss.backward()
    print(f"{name:>16}: {loss.item():.4f} grad-sum {x.grad.sum().item():.4f}", loss.grad_fn.name())
    x.grad = None
