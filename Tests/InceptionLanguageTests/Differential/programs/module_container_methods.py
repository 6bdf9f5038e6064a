# Sequential/ModuleList/ModuleDict methods, state_dict(prefix=), named_buffers(prefix=), and .double() refused.
import torch
import torch.nn as nn


def show(label, f):
    try:
        print(label, f())
    except Exception as e:
        print(label, type(e).__name__, e)


s = nn.Sequential(nn.Linear(2, 3), nn.ReLU())
print(s.append(nn.Linear(3, 1)) is s, len(s))
print(s.extend([nn.Sigmoid(), nn.Identity()]) is s, len(s))
print(s.pop(1), len(s))
print(s)
print(s.insert(1, nn.Tanh()) is s)
print([type(m).__name__ for m in s])
l = nn.ModuleList([nn.ReLU(), nn.Tanh(), nn.Sigmoid()])
print(l.pop(-1), len(l), l.extend([nn.Identity()]) is l, len(l))
d = nn.ModuleDict({"a": nn.ReLU(), "b": nn.Tanh()})
print(d.pop("a"), list(d.keys()))
bn = nn.BatchNorm1d(2)
net = nn.Sequential(nn.Linear(2, 2), bn)
print(list(net.state_dict(prefix="model.").keys()))
print([n for n, _ in net.named_buffers(prefix="net")])
