# Exception types and texts of nn.Module misuse, as PyTorch words them.
import torch
import torch.nn as nn
import torch.nn.functional as F


def show(label, f):
    try:
        print(label, f())
    except Exception as e:
        print(label, type(e).__name__, e)


show("same strided", lambda: nn.Conv2d(1, 1, 3, stride=2, padding="same"))
show("dropout 1.5", lambda: nn.Dropout(1.5))
show("dropout -0.1", lambda: nn.Dropout(-0.1))
show("dropout2d", lambda: nn.Dropout2d(1.5))
show("module dict key", lambda: nn.ModuleDict({"a": nn.ReLU()})["b"])
lin = nn.Linear(2, 2)


def set_weight():
    lin.weight = torch.zeros(2, 2)


show("plain tensor as weight", set_weight)


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(8, 2)

    def forward(self, x):
        return self.fc(x)


net = Net()
show("missing attribute", lambda: net.missing)
show("missing attribute of a layer", lambda: net.fc.missing)
try:
    net.nothing_here
except AttributeError:
    print("caught as AttributeError")
show("sequential index", lambda: nn.Sequential(nn.Linear(1, 1))[3])
show("sequential index -3", lambda: nn.Sequential(nn.Linear(1, 1))[-3])
show("module list index", lambda: nn.ModuleList([nn.Linear(1, 1)])[3])
show("linear features", lambda: net(torch.randn(1, 18)))
show("linear features 3-D", lambda: net(torch.randn(2, 3, 18)))
show("linear features 1-D", lambda: net(torch.randn(18)))
show("linear without bias", lambda: nn.Linear(8, 2, bias=False)(torch.randn(1, 18)))
show("conv channels", lambda: nn.Conv2d(3, 4, 3)(torch.randn(1, 2, 5, 5)))
show("conv in sequential", lambda: nn.Sequential(nn.Conv2d(3, 4, 3), nn.ReLU())(torch.randn(1, 2, 5, 5)))
show("batchnorm channels", lambda: nn.BatchNorm2d(3)(torch.randn(2, 4, 5, 5)))
show("reflect pad too large", lambda: F.pad(torch.randn(1, 1, 2, 2), (2, 2, 2, 2), mode="reflect"))
