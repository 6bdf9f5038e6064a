import torch
import torch.nn as nn
torch.manual_seed(41)

class ListNet(nn.Module):
    def __init__(self):
        super(ListNet, self).__init__()
        self.layers = [nn.Linear(2, 2), nn.Linear(2, 1)]
        self.good = nn.ModuleList(self.layers)
        self.config = {"depth": 2}
        self.name = "list-net"

    def forward(self, x):
        for l in self.layers:
            x = l(x)
        return x

net = ListNet()
print(net)
print(len(list(net.parameters())), [n for n, _ in net.named_parameters()])
print(net.config, net.name, net.layers[0] is net.good[0])

class NoSuper(nn.Module):
    def __init__(self):
        self.fc = nn.Linear(1, 1)
try:
    NoSuper()
except AttributeError as e:
    print("AttributeError:", e)

class Hooked(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(2, 2)
    def forward(self, x):
        return self.fc(x).relu()
h = Hooked()
seen = []
h.register_forward_hook(lambda m, i, o: seen.append("hook"))
h(torch.zeros(1, 2))
h.forward(torch.zeros(1, 2))
print(seen)

class WithTensorAttr(nn.Module):
    def __init__(self):
        super().__init__()
        self.mean = torch.tensor([0.5, 0.5])
        self.scale = nn.Parameter(torch.ones(2))
    def forward(self, x):
        return (x - self.mean) * self.scale
w = WithTensorAttr()
print([n for n, _ in w.named_parameters()], [n for n, _ in w.named_buffers()], list(w.state_dict()))
print(w(torch.ones(1, 2)))
x = torch.ones(3, requires_grad=True)
y = x * 2
y.sum().backward()
try:
    y.sum().backward()
except RuntimeError as e:
    print("RuntimeError:", str(e).splitlines()[0][:80])
acc = 0
for i in range(3):
    loss = (x * i).sum()
    acc += loss
print(acc, type(acc).__name__, acc.requires_grad)
acc2 = 0.0
for i in range(3):
    acc2 += (x * i).sum().item()
print(acc2, type(acc2).__name__)
m = nn.Linear(2, 1)
opt = torch.optim.SGD(m.parameters(), lr=0.1)
for step in range(2):
    loss = m(torch.ones(1, 2)).sum()
    loss.backward()
    opt.step()
print(m.weight.grad)
try:
    torch.optim.SGD([], lr=0.1)
except ValueError as e:
    print("ValueError:", e)
try:
    torch.optim.SGD(m.parameters(), lr=-1)
except ValueError as e:
    print("ValueError:", e)
try:
    torch.optim.Adam(m.parameters(), betas=(1.5, 0.9))
except ValueError as e:
    print("ValueError:", e)
try:
    nn.Linear(2, 2)(torch.zeros(2, 3))
except RuntimeError as e:
    print("RuntimeError:", e)
try:
    nn.functional.cross_entropy(torch.zeros(2, 3), torch.tensor([[0], [1]]))
except RuntimeError as e:
    print("RuntimeError:", e)
