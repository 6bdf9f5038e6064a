# ResNet bottleneck block with downsample
import torch
import torch.nn as nn
torch.manual_seed(0)

def conv1x1(in_planes, out_planes, stride=1):
    return nn.Conv2d(in_planes, out_planes, kernel_size=1, stride=stride, bias=False)

def conv3x3(in_planes, out_planes, stride=1, groups=1, dilation=1):
    return nn.Conv2d(in_planes, out_planes, kernel_size=3, stride=stride,
                     padding=dilation, groups=groups, bias=False, dilation=dilation)

class Bottleneck(nn.Module):
    expansion = 4

    def __init__(self, inplanes, planes, stride=1, downsample=None, groups=1, base_width=64):
        super().__init__()
        width = int(planes * (base_width / 64.)) * groups
        self.conv1 = conv1x1(inplanes, width)
        self.bn1 = nn.BatchNorm2d(width)
        self.conv2 = conv3x3(width, width, stride, groups)
        self.bn2 = nn.BatchNorm2d(width)
        self.conv3 = conv1x1(width, planes * self.expansion)
        self.bn3 = nn.BatchNorm2d(planes * self.expansion)
        self.relu = nn.ReLU(inplace=True)
        self.downsample = downsample
        self.stride = stride

    def forward(self, x):
        identity = x
        out = self.relu(self.bn1(self.conv1(x)))
        out = self.relu(self.bn2(self.conv2(out)))
        out = self.bn3(self.conv3(out))
        if self.downsample is not None:
            identity = self.downsample(x)
        out += identity
        out = self.relu(out)
        return out

def make_layer(inplanes, planes, blocks, stride=1):
    downsample = None
    if stride != 1 or inplanes != planes * Bottleneck.expansion:
        downsample = nn.Sequential(
            conv1x1(inplanes, planes * Bottleneck.expansion, stride),
            nn.BatchNorm2d(planes * Bottleneck.expansion),
        )
    layers = [Bottleneck(inplanes, planes, stride, downsample)]
    inplanes = planes * Bottleneck.expansion
    for _ in range(1, blocks):
        layers.append(Bottleneck(inplanes, planes))
    return nn.Sequential(*layers), inplanes

layer, out_ch = make_layer(8, 4, 2, stride=2)
print(layer)
print("out channels:", out_ch)
x = torch.randn(2, 8, 8, 8)
y = layer(x)
print(y.shape, (y >= 0).all().item())
print(f"{y.mean().item():.4f} {y.std().item():.4f}")
for name, m in layer.named_modules():
    if isinstance(m, nn.BatchNorm2d):
        nn.init.constant_(m.weight, 1)
        nn.init.constant_(m.bias, 0)
    elif isinstance(m, nn.Conv2d):
        nn.init.kaiming_normal_(m.weight, mode='fan_out', nonlinearity='relu')
for m in layer.modules():
    if isinstance(m, Bottleneck):
        nn.init.constant_(m.bn3.weight, 0)
layer.eval()
with torch.no_grad():
    y2 = layer(x)
print(y2.shape, round(y2.sum().item(), 3))
ds = layer[0].downsample(x)
print(torch.allclose(y2[0], torch.relu(layer[1](torch.relu(ds))[0]) , atol=1e-5) if False else ds.shape)
n_params = {n: sum(p.numel() for p in m.parameters()) for n, m in layer[0].named_children()}
print(n_params)
print(sum(p.numel() for p in layer.parameters() if p.requires_grad))
# grouped (ResNeXt) variant
blk = Bottleneck(16, 4, groups=2, base_width=32)
print(blk.conv2, blk.conv2.weight.shape)
print(blk(torch.randn(1, 16, 5, 5)).shape)
