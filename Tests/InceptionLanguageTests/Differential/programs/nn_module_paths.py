# torch.nn.modules paths: private bases in init loops, custom losses on _Loss, class printing
import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.nn.modules.loss import _Loss, _WeightedLoss
from torch.nn.modules.batchnorm import _BatchNorm
from torch.nn.modules.conv import _ConvNd
from torch.nn.modules.utils import _pair, _triple, _ntuple
from torch.nn.parameter import Parameter
from torch.nn.modules import Conv2d, Module

torch.manual_seed(0)
net = nn.Sequential(nn.Conv2d(3, 8, 3, padding=1), nn.BatchNorm2d(8), nn.ReLU6(),
                    nn.ConvTranspose2d(8, 4, 2, stride=2), nn.InstanceNorm2d(4), nn.ZeroPad2d(1),
                    nn.Dropout2d(0.1), nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(4, 2))

# an init loop written against the private bases, as detection and segmentation code does
for name, m in net.named_modules():
    kinds = [k.__name__ for k in (_ConvNd, nn.modules.conv._ConvTransposeNd, _BatchNorm, nn.modules.batchnorm._NormBase,
                                  nn.modules.instancenorm._InstanceNorm, nn.modules.dropout._DropoutNd,
                                  nn.modules.pooling._AdaptiveAvgPoolNd, nn.ConstantPad2d, nn.Hardtanh)
             if isinstance(m, k)]
    print(name or "(root)", type(m).__name__, kinds)
    if isinstance(m, _ConvNd):
        nn.init.kaiming_normal_(m.weight, mode="fan_out", nonlinearity="relu")
        nn.init.zeros_(m.bias)
    elif isinstance(m, _BatchNorm):
        nn.init.constant_(m.weight, 0.5)
x = torch.randn(2, 3, 6, 6)
print(net(x).sum().item())

print(issubclass(nn.Conv2d, _ConvNd), issubclass(nn.Linear, _ConvNd), issubclass(nn.BatchNorm1d, nn.modules.batchnorm._NormBase))
print(issubclass(nn.CrossEntropyLoss, _WeightedLoss), issubclass(nn.MSELoss, _WeightedLoss), issubclass(nn.MSELoss, _Loss))
print(isinstance(nn.LSTM(2, 3), nn.RNNBase), isinstance(nn.GRUCell(2, 3), nn.modules.rnn.RNNCellBase))
print(nn.modules.conv.Conv2d is nn.Conv2d, Conv2d is nn.Conv2d, Module is nn.Module, Parameter is nn.Parameter)

# printed classes
print(nn.Conv2d, nn.MSELoss, nn.Module, nn.Sequential, nn.Parameter, torch.Tensor)
print(_ConvNd, _Loss, nn.modules.pooling._MaxPoolNd)
print(torch.optim.SGD, torch.optim.Adam, torch.optim.lr_scheduler.StepLR)
print(torch.utils.data.Dataset, torch.utils.data.DataLoader, torch.utils.data.TensorDataset)
print(ValueError, KeyError, enumerate, zip)
print(type(nn.Linear(2, 2)), type(nn.CrossEntropyLoss()), type(torch.optim.SGD(net.parameters(), lr=0.1)))

# _pair and friends
print(_pair(3), _pair((1, 2)), _triple(2), _ntuple(4)(0), _pair([5, 6]))

# custom losses on the private bases
class FocalLoss(_Loss):
    def __init__(self, gamma=2.0, reduction="mean"):
        super().__init__(reduction=reduction)
        self.gamma = gamma

    def forward(self, logits, target):
        logp = F.log_softmax(logits, dim=1).gather(1, target[:, None]).squeeze(1)
        loss = -((1 - logp.exp()) ** self.gamma) * logp
        if self.reduction == "mean":
            return loss.mean()
        if self.reduction == "sum":
            return loss.sum()
        return loss

class WeightedMSE(_WeightedLoss):
    def forward(self, a, b):
        return (self.weight * (a - b) ** 2).mean()

logits = torch.randn(4, 3, requires_grad=True)
target = torch.tensor([0, 2, 1, 2])
for reduction in ["mean", "sum", "none"]:
    fl = FocalLoss(reduction=reduction)
    print(reduction, fl.reduction, fl(logits, target))
fl = FocalLoss()
fl(logits, target).backward()
print(logits.grad)
print(fl, isinstance(fl, _Loss), isinstance(fl, nn.Module), isinstance(fl, _WeightedLoss), issubclass(FocalLoss, _Loss))
w = WeightedMSE(weight=torch.tensor([1.0, 2.0, 3.0]))
print(w.reduction, w.weight, w(torch.ones(2, 3), torch.zeros(2, 3)))
print(dict(w.named_buffers()), list(w.state_dict().keys()))
print(_WeightedLoss().weight)
