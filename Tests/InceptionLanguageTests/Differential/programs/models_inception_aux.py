# torchvision's Inception3 building blocks: BasicConv2d, InceptionA's four branches joined by
# torch.cat, factorised 1x7 / 7x1 convolutions, the auxiliary head whose Linear is marked with
# `self.fc.stddev = 0.001` (a plain attribute added to a built-in layer) and read back by the
# init loop through hasattr, and InceptionOutputs, a namedtuple, in training.
import torch
import torch.nn as nn
import torch.nn.functional as F
from collections import namedtuple
torch.manual_seed(0)
InceptionOutputs = namedtuple("InceptionOutputs", ["logits", "aux_logits"])

class BasicConv2d(nn.Module):
    def __init__(self, in_channels, out_channels, **kwargs):
        super().__init__()
        self.conv = nn.Conv2d(in_channels, out_channels, bias=False, **kwargs)
        self.bn = nn.BatchNorm2d(out_channels, eps=0.001)
    def forward(self, x):
        x = self.conv(x)
        x = self.bn(x)
        return F.relu(x, inplace=True)

class InceptionA(nn.Module):
    def __init__(self, in_channels, pool_features, conv_block=None):
        super().__init__()
        if conv_block is None:
            conv_block = BasicConv2d
        self.branch1x1 = conv_block(in_channels, 8, kernel_size=1)
        self.branch5x5_1 = conv_block(in_channels, 6, kernel_size=1)
        self.branch5x5_2 = conv_block(6, 8, kernel_size=5, padding=2)
        self.branch3x3dbl_1 = conv_block(in_channels, 8, kernel_size=1)
        self.branch3x3dbl_2 = conv_block(8, 12, kernel_size=3, padding=1)
        self.branch3x3dbl_3 = conv_block(12, 12, kernel_size=3, padding=1)
        self.branch_pool = conv_block(in_channels, pool_features, kernel_size=1)
    def _forward(self, x):
        branch1x1 = self.branch1x1(x)
        branch5x5 = self.branch5x5_2(self.branch5x5_1(x))
        branch3x3dbl = self.branch3x3dbl_3(self.branch3x3dbl_2(self.branch3x3dbl_1(x)))
        branch_pool = F.avg_pool2d(x, kernel_size=3, stride=1, padding=1)
        branch_pool = self.branch_pool(branch_pool)
        return [branch1x1, branch5x5, branch3x3dbl, branch_pool]
    def forward(self, x):
        outputs = self._forward(x)
        return torch.cat(outputs, 1)

class InceptionC(nn.Module):
    def __init__(self, in_channels, c7):
        super().__init__()
        self.branch7x7_1 = BasicConv2d(in_channels, c7, kernel_size=1)
        self.branch7x7_2 = BasicConv2d(c7, c7, kernel_size=(1, 7), padding=(0, 3))
        self.branch7x7_3 = BasicConv2d(c7, 8, kernel_size=(7, 1), padding=(3, 0))
    def forward(self, x):
        return self.branch7x7_3(self.branch7x7_2(self.branch7x7_1(x)))

class InceptionAux(nn.Module):
    def __init__(self, in_channels, num_classes):
        super().__init__()
        self.conv0 = BasicConv2d(in_channels, 8, kernel_size=1)
        self.fc = nn.Linear(8, num_classes)
        self.fc.stddev = 0.001
    def forward(self, x):
        x = F.avg_pool2d(x, kernel_size=5, stride=3)
        x = self.conv0(x)
        x = F.adaptive_avg_pool2d(x, (1, 1))
        x = torch.flatten(x, 1)
        return self.fc(x)

class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.stem = BasicConv2d(3, 16, kernel_size=3, stride=2)
        self.a = InceptionA(16, pool_features=4)
        self.c = InceptionC(32, 6)
        self.aux = InceptionAux(32, 5)
        self.fc = nn.Linear(8, 5)
        for m in self.modules():
            if isinstance(m, nn.Conv2d) or isinstance(m, nn.Linear):
                stddev = float(m.stddev) if hasattr(m, "stddev") else 0.1
                torch.nn.init.trunc_normal_(m.weight, mean=0.0, std=stddev, a=-2, b=2)
            elif isinstance(m, nn.BatchNorm2d):
                nn.init.constant_(m.weight, 1)
                nn.init.constant_(m.bias, 0)
    def forward(self, x):
        x = self.stem(x)
        x = self.a(x)
        aux = self.aux(x) if self.training else None
        x = self.c(x)
        x = F.adaptive_avg_pool2d(x, 1).flatten(1)
        x = F.dropout(x, 0.2, training=self.training)
        x = self.fc(x)
        if self.training:
            return InceptionOutputs(x, aux)
        return x

net = Net()
print(net.a)
print(net.aux.fc.stddev, hasattr(net.fc, 'stddev'), getattr(net.fc, 'stddev', 0.1), hasattr(nn.Linear(2, 2), 'stddev'))
x = torch.randn(2, 3, 33, 33)
out = net(x)
print(out.logits.shape, out.aux_logits.shape, out)
loss = F.cross_entropy(out.logits, torch.tensor([0, 1])) + 0.4 * F.cross_entropy(out[1], torch.tensor([0, 1]))
loss.backward()
print(loss.item(), net.aux.fc.weight.std().item(), net.a.branch5x5_2.conv.weight.grad.norm().item())
net.eval()
print(net(x))
print(F.avg_pool2d(x, 3, stride=2, padding=1, count_include_pad=False)[0, 0, 0, :4], F.avg_pool2d(x, 3, 2, 1, ceil_mode=True).shape)
seq = nn.Sequential(nn.Linear(2, 2))
seq.name = "head"
seq[0].note = ("kept", 3)
seq.name = seq.name + "!"
print(seq.name, seq[0].note, len(seq))
