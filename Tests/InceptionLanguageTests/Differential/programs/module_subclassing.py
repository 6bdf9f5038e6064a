# Classes that extend built-in layers and containers (PyTorch's ConvBNReLU(nn.Sequential) idiom).
import copy
import torch
import torch.nn as nn


def show(label, f):
    try:
        print(label, f())
    except Exception as e:
        print(label, type(e).__name__, e)


class ConvBNReLU(nn.Sequential):
    def __init__(self, cin, cout, stride=1):
        super().__init__(nn.Conv2d(cin, cout, 3, stride, 1, bias=False), nn.BatchNorm2d(cout), nn.ReLU(inplace=True))


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.stem = ConvBNReLU(3, 4, stride=2)
        self.fc = nn.Linear(4, 2)

    def forward(self, x):
        return self.fc(self.stem(x).mean((2, 3)))


net = Net()
print(net)
x = torch.randn(2, 3, 8, 8)
print(net(x))
print(len(net.stem), sum(p.numel() for p in net.parameters()), len(net.state_dict()))
print(list(net.state_dict().keys()))
print(isinstance(net.stem, nn.Sequential), isinstance(net.stem, nn.Module), type(net.stem).__name__)
print(net.stem[0])
net.eval()
print(net(x))


class Block(nn.Sequential):
    def __init__(self):
        super().__init__(nn.Linear(2, 2), nn.ReLU())


b = Block()
print(len(b), sum(p.numel() for p in b.parameters()))
print(b(torch.tensor([[-1.0, 1.0]])))
b.append(nn.Linear(2, 1))
print(b)
print(b(torch.tensor([[-1.0, 1.0]])))
print([type(m).__name__ for m in b])


class Named(nn.Sequential):
    def __init__(self):
        super().__init__()
        self.add_module("fc", nn.Linear(2, 2))
        self.add_module("act", nn.ReLU())


n = Named()
print(len(n), n, n.fc)


class Plain(nn.Sequential):
    pass


p = Plain(nn.Linear(2, 3), nn.Tanh())
print(p)
print(p(torch.ones(1, 2)))


class Residual(nn.Sequential):
    def forward(self, x):
        return x + super().forward(x)


r = Residual(nn.Linear(2, 2), nn.ReLU())
print(r(torch.tensor([[1.0, -2.0]])))


class Stack(nn.ModuleList):
    def __init__(self, n):
        super().__init__([nn.Linear(2, 2) for _ in range(n)])

    def forward(self, x):
        for layer in self:
            x = layer(x)
        return x


s = Stack(3)
print(len(s), s)
print(s(torch.ones(1, 2)))


class Heads(nn.ModuleDict):
    def __init__(self):
        super().__init__({"a": nn.Linear(2, 1), "b": nn.Linear(2, 3)})


h = Heads()
print(len(h), list(h.keys()), h["b"])
show("call", lambda: h(torch.ones(1, 2)))


class MyLinear(nn.Linear):
    def __init__(self):
        super().__init__(2, 3)


m = MyLinear()
print(m)
print(m.weight.shape, m.bias.shape, m.in_features, m.out_features)
print(m(torch.ones(1, 2)))
print(isinstance(m, nn.Linear), [n for n, _ in m.named_parameters()])


class Head(nn.Linear):
    def forward(self, x):
        return super().forward(x).sigmoid()


hd = Head(2, 1, bias=False)
print(hd, hd.bias)
print(hd(torch.ones(3, 2)))
with torch.no_grad():
    hd.weight.fill_(0.5)
print(hd(torch.ones(1, 2)))
opt = torch.optim.SGD(hd.parameters(), lr=0.5)
hd(torch.ones(1, 2)).sum().backward()
opt.step()
print(hd.weight)
twin = copy.deepcopy(hd)
print(twin(torch.ones(1, 2)), twin.weight is hd.weight)
hd.load_state_dict({"weight": torch.zeros(1, 2)})
print(hd(torch.ones(1, 2)))


class Conv(nn.Conv2d):
    def __init__(self, cin, cout):
        super().__init__(cin, cout, kernel_size=3, padding=1)
        self.act = nn.ReLU()

    def forward(self, x):
        return self.act(super().forward(x))


c = Conv(1, 2)
print(c)
print(c.kernel_size, c.weight.shape)
print(c(torch.ones(1, 1, 3, 3)).shape)


class Drop(nn.Dropout):
    pass


d = Drop(0.5)
d.eval()
print(d, d(torch.ones(4)))


class A(nn.Module):
    pass


print(issubclass(nn.Linear, nn.Module), issubclass(nn.Sequential, nn.Module), issubclass(nn.Conv2d, nn.Module))
print(issubclass(A, nn.Module), issubclass(Block, nn.Sequential), issubclass(Block, nn.Module), issubclass(MyLinear, nn.Linear))
print(issubclass(MyLinear, nn.Conv2d), issubclass(A, nn.Linear), issubclass(int, nn.Module), issubclass(type(nn.ReLU()), nn.Module))
