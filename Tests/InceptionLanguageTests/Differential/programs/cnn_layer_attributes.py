import math
import torch
import torch.nn as nn
import torch.nn.functional as F

# What classic CNN code reads back from its layers: the constructor's options as PyTorch
# stores them, on depthwise, dilated and rectangular convolutions too (MobileNet, ResNeXt,
# DeepLab), and an absent bias as None.
convs = [nn.Conv2d(4, 8, 3, bias=False), nn.Conv2d(8, 8, 3, stride=2, padding=1, groups=8, bias=False),
         nn.Conv2d(8, 16, (1, 3), padding=(0, 1)), nn.Conv2d(16, 16, 3, padding=2, dilation=2),
         nn.Conv2d(4, 4, 3, padding='same', groups=2), nn.Conv1d(4, 8, 3, stride=2, bias=False),
         nn.ConvTranspose2d(8, 4, 2, stride=2, bias=False)]
for m in convs:
    print(type(m).__name__, m.in_channels, m.out_channels, m.kernel_size, m.stride, m.padding, m.dilation,
          m.groups, m.padding_mode, m.transposed, m.output_padding, m.bias is None)

# torchvision's MobileNetV2 init loop: `if m.bias is not None` on depthwise convolutions
def _make_divisible(v, divisor, min_value=None):
    if min_value is None:
        min_value = divisor
    new_v = max(min_value, int(v + divisor / 2) // divisor * divisor)
    if new_v < 0.9 * v:
        new_v += divisor
    return new_v

class InvertedResidual(nn.Module):
    def __init__(self, inp, oup, stride, expand_ratio):
        super().__init__()
        hidden = int(round(inp * expand_ratio))
        self.use_res_connect = stride == 1 and inp == oup
        self.conv = nn.Sequential(
            nn.Conv2d(inp, hidden, 1, bias=False), nn.BatchNorm2d(hidden), nn.ReLU6(inplace=True),
            nn.Conv2d(hidden, hidden, 3, stride, 1, groups=hidden, bias=False), nn.BatchNorm2d(hidden), nn.ReLU6(inplace=True),
            nn.Conv2d(hidden, oup, 1, bias=False), nn.BatchNorm2d(oup))
    def forward(self, x):
        return x + self.conv(x) if self.use_res_connect else self.conv(x)

c = _make_divisible(16 * 0.75, 8)
net = nn.Sequential(nn.Conv2d(3, c, 3, 2, 1, bias=False), nn.BatchNorm2d(c), nn.ReLU6(inplace=True),
                    InvertedResidual(c, c, 1, 2), InvertedResidual(c, 24, 2, 3),
                    nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(24, 5))
for m in net.modules():
    if isinstance(m, nn.Conv2d):
        nn.init.kaiming_normal_(m.weight, mode='fan_out')
        if m.bias is not None:
            nn.init.zeros_(m.bias)
    elif isinstance(m, nn.BatchNorm2d):
        nn.init.ones_(m.weight)
        nn.init.zeros_(m.bias)
    elif isinstance(m, nn.Linear):
        nn.init.normal_(m.weight, 0, 0.01)
        nn.init.zeros_(m.bias)
print(c, [m.use_res_connect for m in net.modules() if isinstance(m, InvertedResidual)])
x = torch.randn(2, 3, 16, 16)
opt = torch.optim.SGD(net.parameters(), lr=0.05, momentum=0.9)
for step in range(2):
    opt.zero_grad()
    loss = F.cross_entropy(net(x), torch.tensor([1, 3]))
    loss.backward()
    opt.step()
    print(step, round(loss.item(), 5), round(net[4].conv[3].weight.grad.norm().item(), 5))

# the old ResNet init: n = k·k·out_channels (// groups), reading kernel_size and groups
for m in [nn.Conv2d(8, 8, 3, padding=1, groups=4, bias=False), nn.Conv2d(8, 4, (1, 3))]:
    n = m.kernel_size[0] * m.kernel_size[1] * m.out_channels // m.groups
    m.weight.data.normal_(0, math.sqrt(2. / n))
    print(n, tuple(m.weight.shape), round(m.weight.std().item(), 4))

# norm, pooling, activation and padding layers' options
bn = nn.BatchNorm2d(6, eps=1e-3, momentum=0.01)
bn_plain = nn.BatchNorm2d(6, affine=False)
print(bn.num_features, bn.eps, bn.momentum, bn.affine, bn.track_running_stats)
print(bn_plain.eps, bn_plain.affine, bn_plain.weight, nn.BatchNorm1d(4, momentum=None).momentum)
gn = nn.GroupNorm(2, 6)
print(gn.num_groups, gn.num_channels, gn.eps, gn.affine)
lrn = nn.LocalResponseNorm(5, alpha=1e-4, beta=0.75, k=2)
print(lrn.size, lrn.alpha, lrn.beta, lrn.k)
for p in [nn.MaxPool2d(3, 2, 1), nn.MaxPool2d((3, 2)), nn.AvgPool2d(2, ceil_mode=True, count_include_pad=False), nn.MaxPool1d(3)]:
    print(type(p).__name__, p.kernel_size, p.stride, p.padding, p.ceil_mode)
print(nn.AdaptiveAvgPool2d((1, 1)).output_size, nn.AdaptiveAvgPool2d(1).output_size, nn.AvgPool1d(2).kernel_size)
print(nn.ReLU6(inplace=True).inplace, nn.ReLU6().min_val, nn.ReLU6().max_val, nn.LeakyReLU(0.2).negative_slope)
print(nn.Dropout(0.3).p, nn.Flatten().start_dim, nn.Flatten().end_dim, nn.Softmax(dim=1).dim, nn.Hardtanh(-2, 2).max_val)
print(nn.ZeroPad2d(1).padding, nn.ZeroPad2d((1, 2, 0, 1)).padding, nn.ConstantPad1d(2, 0.5).padding, nn.ZeroPad2d(1).value)
print(nn.LayerNorm(8).normalized_shape, nn.LayerNorm([4, 4]).normalized_shape, nn.Upsample(scale_factor=2).scale_factor)

# a subclass of a layer reads them too
class Conv2dSame(nn.Conv2d):
    def forward(self, x):
        ih, iw = x.size()[-2:]
        kh, kw = self.weight.size()[-2:]
        sh, sw = self.stride
        oh, ow = math.ceil(ih / sh), math.ceil(iw / sw)
        pad_h = max((oh - 1) * self.stride[0] + (kh - 1) * self.dilation[0] + 1 - ih, 0)
        pad_w = max((ow - 1) * self.stride[1] + (kw - 1) * self.dilation[1] + 1 - iw, 0)
        x = F.pad(x, [pad_w // 2, pad_w - pad_w // 2, pad_h // 2, pad_h - pad_h // 2])
        return F.conv2d(x, self.weight, self.bias, self.stride, self.padding, self.dilation, self.groups)
same = Conv2dSame(4, 4, 3, stride=2, groups=4, bias=False)
print(same.stride, same.groups, same.bias, same(torch.randn(1, 4, 7, 7)).shape)

# GroupNorm then ReLU(inplace=True): the norm's backward does not read its output
block = nn.Sequential(nn.Conv2d(4, 8, 3, padding=1, bias=False), nn.GroupNorm(4, 8), nn.ReLU(inplace=True),
                      nn.Conv2d(8, 8, 3, padding=1, bias=False), nn.GroupNorm(4, 8))
inp = torch.randn(2, 4, 6, 6)
out = block(inp)
out += inp.repeat(1, 2, 1, 1)
out = F.relu(out, inplace=True)
out.mean().backward()
print(round(out.sum().item(), 4), round(block[0].weight.grad.norm().item(), 6), round(block[4].weight.grad.norm().item(), 6))
ln = nn.LayerNorm(8)
h = ln(torch.randn(3, 8, requires_grad=True))
F.relu(h, inplace=True).sum().backward()
print(ln.weight.grad)
