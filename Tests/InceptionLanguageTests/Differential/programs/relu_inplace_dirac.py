# torch.relu_ and F.relu_ (in place); nn.init.dirac_ (1-, 2- and 3-D kernels, groups): a convolution that passes its input through
import torch
import torch.nn as nn
import torch.nn.functional as F
torch.manual_seed(0)
x = torch.tensor([-1., 2.])
print(F.relu(x, inplace=True), x)
y = torch.tensor([-1., 3.])
print(torch.relu_(y), y, F.relu_(torch.tensor([-2., 1.])))
w = torch.empty(4, 3, 3, 3)
nn.init.dirac_(w)
print(w[:, :, 1, 1], w.sum())
conv = nn.Conv2d(3, 3, 3, padding=1, bias=False)
nn.init.dirac_(conv.weight)
img = torch.randn(1, 3, 5, 5)
print(torch.allclose(conv(img), img))
g = torch.empty(6, 2, 3)
nn.init.dirac_(g, groups=2)
print(g[:, :, 1])
v = torch.empty(2, 2, 3, 3, 3)
nn.init.dirac_(v)
print(v.sum(), v[1, 1, 1, 1, 1])
