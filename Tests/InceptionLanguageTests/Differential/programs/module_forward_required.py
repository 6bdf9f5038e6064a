# nn.Module's rules that PyTorch enforces: a class must define forward (a misspelt one or a
# function outside the class is none), and layers are assigned after nn.Module.__init__ ran.
# A builtin layer's forward and __call__, nn.Module.__init__(self), and a loop over a
# Sequential's layers run as PyTorch runs them.
import torch
import torch.nn as nn


class Stem(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 4, 3)

    def foward(self, x):
        return self.conv(x)


def forward(self, x):
    return x


class Outside(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(2, 2)


class Child(Outside):
    pass


for make, x in [(Stem, torch.randn(1, 3, 8, 8)), (Outside, torch.randn(1, 2)), (Child, torch.randn(1, 2)),
                (nn.Module, torch.randn(1, 2))]:
    try:
        make()(x)
    except NotImplementedError as e:
        print("NotImplementedError:", e)


class Early(nn.Module):
    def __init__(self):
        self.conv = nn.Conv2d(3, 4, 3)
        super().__init__()


class EarlyParameter(nn.Module):
    def __init__(self):
        self.w = nn.Parameter(torch.zeros(2))
        super().__init__()


class EarlyPlain(nn.Module):
    def __init__(self):
        self.n = 3
        self.t = torch.zeros(2)
        super().__init__()
        self.fc = nn.Linear(2, 2)


for make in [Early, EarlyParameter]:
    try:
        make()
    except AttributeError as e:
        print("AttributeError:", e)
print(EarlyPlain().n, [k for k, _ in EarlyPlain().named_parameters()])


class Explicit(nn.Module):
    def __init__(self):
        nn.Module.__init__(self)
        self.layer = nn.Sequential(nn.Linear(2, 2), nn.ReLU())
        self.conv = nn.Conv2d(1, 1, 1)

    def forward(self, x):
        y = self.layer.forward(x)
        z = self.layer.__call__(x)
        for m in self.layer:
            x = m(x)
        c = self.conv.forward(torch.ones(1, 1, 2, 2)).sum()
        return x + y + z + c


torch.manual_seed(0)
net = Explicit()
print(net(torch.randn(1, 2)))
print(net.__call__(torch.ones(1, 2)).shape, nn.ReLU().forward(torch.tensor([-1.0, 2.0])))
