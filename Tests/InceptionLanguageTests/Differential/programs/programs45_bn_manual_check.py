import torch
import torch.nn as nn

torch.manual_seed(21)
x = torch.randn(4, 3, 2, 2) * 3 + 1
bn = nn.BatchNorm2d(3, momentum=0.1, eps=1e-5)
y = bn(x)
mean = x.mean(dim=(0, 2, 3))
var_biased = x.var(dim=(0, 2, 3), unbiased=False)
var_unbiased = x.var(dim=(0, 2, 3), unbiased=True)
manual = (x - mean[None, :, None, None]) / torch.sqrt(var_biased[None, :, None, None] + 1e-5)
print(torch.allclose(y, manual, atol=1e-5))
print(torch.allclose(bn.running_mean, 0.1 * mean), torch.allclose(bn.running_var, 0.9 + 0.1 * var_unbiased))
print(bn.running_mean, bn.running_var)
bn.eval()
ye = bn(x)
manual_e = (x - bn.running_mean.view(1, -1, 1, 1)) / (bn.running_var.view(1, -1, 1, 1) + bn.eps).sqrt() * bn.weight.view(1, -1, 1, 1) + bn.bias.view(1, -1, 1, 1)
print(torch.allclose(ye, manual_e, atol=1e-5))
cum = nn.BatchNorm1d(2, momentum=None)
for i in range(3):
    cum(torch.tensor([[float(i), 2.0 * i], [float(i + 2), 0.0]]))
print(cum.running_mean, cum.running_var, cum.num_batches_tracked)
ln = nn.LayerNorm([3, 2, 2])
print(ln(x).mean(dim=(1, 2, 3)).abs().max().item() < 1e-5, ln.weight.shape)
gn = nn.GroupNorm(1, 3)
print(torch.allclose(gn(x), ln(x), atol=1e-5))
inorm = nn.InstanceNorm2d(3)
print(inorm(x).mean(dim=(2, 3)).abs().max().item() < 1e-5, inorm)
print(bn)
print(bn.state_dict()["num_batches_tracked"], bn.weight.requires_grad, bn.running_mean.requires_grad)
try:
    nn.BatchNorm1d(3)(torch.randn(1, 3))
except ValueError as e:
    print("ValueError:", e)
try:
    bn(torch.randn(2, 4, 2, 2))
except RuntimeError as e:
    print("RuntimeError:", e)
