# A registered layer, parameter or buffer set to None keeps its name and kind, as PyTorch's
# _modules, _parameters and _buffers keep the key: printed as (name): None in its place, passed
# over by parameters() and state_dict(), taken again by a module (parameter, tensor) in the same
# place; anything else is PyTorch's TypeError.
import torch
import torch.nn as nn
class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 4, 3)
        self.aux1 = nn.Linear(4, 2)
        self.aux2 = nn.Linear(4, 2)
        self.fc = nn.Linear(4, 3)
        self.scale = nn.Parameter(torch.ones(1))
        self.register_buffer("count", torch.zeros(1))
    def forward(self, x):
        x = self.conv(x).mean((2, 3))
        out = self.fc(x)
        if self.aux1 is not None:
            out = out + self.aux1(x).sum()
        return out
torch.manual_seed(0)
net = Net()
net.aux1 = None
net.aux2 = None
print(net)
print(len(list(net.parameters())), len(net.state_dict()))
print(list(net.state_dict().keys()))
print(net(torch.ones(1, 3, 5, 5)).shape)
net.aux1 = nn.Tanh()
print(net)
net.scale = None
print(net.scale, [n for n, _ in net.named_parameters()])
try:
    net.scale = torch.ones(1)
except TypeError as e:
    print("TypeError:", e)
net.scale = nn.Parameter(torch.zeros(2))
print([n for n, _ in net.named_parameters()])
net.count = None
print(net.count, list(net.state_dict().keys()))
try:
    net.count = 5
except TypeError as e:
    print("TypeError:", e)
net.count = torch.ones(3)
print(list(net.state_dict().keys()), net.count)
try:
    net.fc = torch.zeros(2)
except TypeError as e:
    print("TypeError:", e)
try:
    net.aux2 = "x"
except TypeError as e:
    print("TypeError:", e)
del net.aux2
print(net)
print(hasattr(net, "aux2"))
net.aux2 = nn.ReLU()
print(net)
print([n for n, _ in net.named_children()])
print([n for n, _ in net.named_modules()])

class M(nn.Module):
    def __init__(self):
        super().__init__()
        self.a = nn.Linear(2, 2)
        self.b = nn.ReLU()
    def forward(self, x):
        x = self.a(x)
        if self.b is not None:
            x = self.b(x)
        return x
m = M()
m.b = None
print(m)
print(m.b)
print([n for n, _ in m.named_children()])
print(m(torch.ones(1, 2)).shape)
m.b = nn.Tanh()
print(m)
p = nn.Parameter(torch.zeros(2))
m.w = p
m.w = None
print(m.w, [n for n, _ in m.named_parameters()])
try:
    m.a = 3
except TypeError as e:
    print("TypeError", e)
m.register_buffer("buf", torch.ones(1))
m.buf = None
print(m.buf, list(dict(m.named_buffers()).keys()))
print(m.state_dict().keys())
