import torch
import torch.nn as nn
import torch.nn.functional as F

torch.manual_seed(0)

class CausalConv1d(nn.Conv1d):
    def __init__(self, in_ch, out_ch, k, dilation=1):
        self.__pad = (k - 1) * dilation
        super().__init__(in_ch, out_ch, k, padding=0, dilation=dilation)
    def forward(self, x):
        return super().forward(F.pad(x, (self.__pad, 0)))

class TCNBlock(nn.Module):
    def __init__(self, ch, k, d):
        super().__init__()
        self.conv1 = CausalConv1d(ch, ch, k, d)
        self.conv2 = CausalConv1d(ch, ch, k, d)
        self.act = nn.ReLU()
    def forward(self, x):
        return self.act(x + self.conv2(self.act(self.conv1(x))))

class TCN(nn.Module):
    def __init__(self, ch=4, k=3, levels=3):
        super().__init__()
        self.inp = nn.Conv1d(1, ch, 1)
        self.blocks = nn.Sequential(*[TCNBlock(ch, k, 2 ** i) for i in range(levels)])
        self.out = nn.Conv1d(ch, 1, 1)
    def forward(self, x):
        return self.out(self.blocks(self.inp(x)))

net = TCN()
print(net.blocks[2].conv1)
t = torch.linspace(0, 6.28, 40)
x = torch.sin(t).view(1, 1, -1)
y = torch.sin(t + 0.3).view(1, 1, -1)
print(net(x).shape)
opt = torch.optim.Adam(net.parameters(), lr=0.01)
for i in range(20):
    loss = F.mse_loss(net(x), y)
    opt.zero_grad(); loss.backward(); opt.step()
    if i % 5 == 0:
        print(i, round(loss.item(), 5))
x2 = x.clone()
x2[..., 20:] = 0
print(torch.allclose(net(x)[..., :20], net(x2)[..., :20]))
c = nn.Conv1d(2, 4, 3, stride=2, padding=1, groups=2, bias=False)
print(c, c.weight.shape, c(torch.randn(1, 2, 9)).shape)
print(F.max_pool1d(torch.arange(8.).view(1, 1, 8), 2).squeeze())
print(F.avg_pool1d(torch.arange(8.).view(1, 1, 8), 3, stride=2, padding=1, count_include_pad=False))
print(nn.AdaptiveMaxPool1d(3)(torch.arange(10.).view(1, 1, 10)))
print(F.conv1d(torch.ones(1, 1, 5), torch.ones(1, 1, 2), dilation=2))
print(nn.ConstantPad1d((1, 2), -1.0)(torch.ones(1, 3)))
print(nn.ReflectionPad1d(2)(torch.arange(4.).view(1, 1, 4)))
print(nn.ReplicationPad1d((0, 2))(torch.arange(3.).view(1, 1, 3)))
pool = nn.AvgPool1d(3, 2, 1, count_include_pad=False)
print(pool)
z = torch.arange(8.).view(1, 1, 8).requires_grad_()
out = pool(z)
print(out)
out.sum().backward()
print(z.grad)
print(F.avg_pool1d(torch.arange(7.).view(1, 7), 2, 2, 1, ceil_mode=True, count_include_pad=False))
print(nn.AvgPool1d(4, 3, 2, True, False)(torch.arange(10.).view(1, 1, 10)))
