import torch
import torch.nn as nn

torch.manual_seed(28)
x = torch.arange(14.0).view(1, 2, 7)
for mode in ("zeros", "reflect", "replicate", "circular"):
    conv = nn.Conv1d(2, 3, 3, stride=2, padding=1, padding_mode=mode)
    print(conv)
    with torch.no_grad():
        conv.weight.fill_(0.1)
        conv.bias.zero_()
    y = conv(x)
    print(mode, tuple(y.shape), y[0, 0])
same = nn.Conv1d(2, 2, 4, padding="same", padding_mode="reflect", bias=False)
print(same, same(x).shape)
c2 = nn.Conv1d(2, 4, 3, padding=2, dilation=2, groups=2, padding_mode="replicate")
print(c2, c2(x).shape)
y = c2(x)
y.sum().backward()
print(c2.weight.grad.shape, f"{c2.weight.grad.abs().sum().item():.4f}")
try:
    nn.Conv1d(2, 2, 3, padding_mode="mirror")
except ValueError as e:
    print("ValueError:", str(e).split(",")[-1])
print(nn.Conv1d(2, 2, 3, padding=1, bias=False, dilation=1, groups=1))
