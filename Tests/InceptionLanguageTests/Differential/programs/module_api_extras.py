# BatchNorm's momentum=None (cumulative average) and track_running_stats=False; register_buffer(None); nn.Module(); ModuleDict and Sequential item assignment; get_submodule/get_parameter; named_parameters(recurse, prefix); Sequential.insert; del of a layer
import torch
import torch.nn as nn
torch.manual_seed(0)
bn = nn.BatchNorm1d(3, momentum=None)
x = torch.randn(4, 3)
bn(x); bn(x * 2)
print(bn.running_mean, bn.num_batches_tracked, bn)
bn2 = nn.BatchNorm2d(3, track_running_stats=False)
print(bn2.running_mean, bn2.running_var, bn2.num_batches_tracked, bn2)
class M(nn.Module):
    def __init__(self):
        super().__init__()
        self.register_buffer('mask', None)
        self.lin = nn.Linear(2, 2)
m = M()
print(m.mask, list(m.state_dict().keys()))
base = nn.Module()
base.add_module('x', nn.ReLU())
print(base)
d = nn.ModuleDict({'a': nn.ReLU()})
d['b'] = nn.Tanh()
print(d, len(d))
print(m.get_submodule('lin'), m.get_parameter('lin.bias').shape)
print([n for n, _ in m.named_parameters(recurse=False)], [n for n, _ in m.named_parameters(prefix='model')])
s = nn.Sequential(nn.ReLU(), nn.Tanh())
s.insert(1, nn.Sigmoid())
print(s)
del m.lin
print(m)
seq = nn.Sequential(nn.ReLU(), nn.Tanh(), nn.Sigmoid())
del seq[1]
print(seq, len(seq))
layers = nn.ModuleList([nn.Linear(1, 1), nn.ReLU(), nn.Tanh()])
del layers[0]
print(layers)
md = nn.ModuleDict({"a": nn.ReLU(), "b": nn.Tanh()})
del md["a"]
print(md)
lin = nn.Linear(2, 2)
