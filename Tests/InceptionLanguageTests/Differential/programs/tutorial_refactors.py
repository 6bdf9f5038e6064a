# "What is torch.nn really?" refactors and course-notebook idioms: a WrappedDataLoader whose
# __iter__ writes `yield (self.func(*b))`, `yield [..]`; an optimiser's defaults when its first
# parameter group names options of its own; BatchNorm without affine parameters records nothing
# for an input that needs no gradient
import torch
from torch import nn, optim
from torch.utils.data import TensorDataset, DataLoader

x_train = torch.rand(12, 16)
y_train = torch.randint(0, 3, (12,))

def preprocess(x, y):
    return x.view(-1, 1, 4, 4), y

class WrappedDataLoader:
    def __init__(self, dl, func):
        self.dl = dl
        self.func = func
    def __len__(self):
        return len(self.dl)
    def __iter__(self):
        for b in self.dl:
            yield (self.func(*b))

train_dl = WrappedDataLoader(DataLoader(TensorDataset(x_train, y_train), batch_size=5), preprocess)
print(len(train_dl))
for xb, yb in train_dl:
    print(xb.shape, yb)

def pairs(n):
    for i in range(n):
        yield (i, i * i)
    yield [n]
    yield(n + 1)
print(list(pairs(3)))

model = nn.Sequential(nn.Linear(4, 3), nn.ReLU(), nn.Linear(3, 2))
decay = [p for n, p in model.named_parameters() if n.endswith("weight")]
no_decay = [p for n, p in model.named_parameters() if n.endswith("bias")]
for make in [lambda groups: optim.AdamW(groups, lr=1e-3),
             lambda groups: optim.Adam(groups, lr=1e-2, betas=(0.8, 0.9)),
             lambda groups: optim.SGD(groups, lr=0.1, momentum=0.9),
             lambda groups: optim.RMSprop(groups, lr=0.01)]:
    opt = make([{"params": decay, "weight_decay": 0.01}, {"params": no_decay, "weight_decay": 0.0}])
    print(type(opt).__name__, opt.defaults)
    print(list(opt.param_groups[0].keys()))
opt = optim.SGD([{"params": decay, "lr": 0.5, "momentum": 0.5}, {"params": no_decay}], lr=0.1)
print(opt.defaults, [g["lr"] for g in opt.param_groups])

x = torch.randn(6, 4)
for layer in [nn.BatchNorm1d(4, affine=False), nn.BatchNorm1d(4, affine=False, track_running_stats=False),
              nn.BatchNorm1d(4), nn.BatchNorm2d(2, affine=False)]:
    inp = x.view(6, 2, 2, 1) if isinstance(layer, nn.BatchNorm2d) else x
    out = layer(inp)
    print(type(layer).__name__, out.grad_fn is None, out.requires_grad, len(list(layer.parameters())))
bn = nn.BatchNorm1d(4, affine=False)
xg = x.clone().requires_grad_()
out = bn(xg)
print(out.grad_fn.name(), list(bn.state_dict().keys()))
(out * torch.arange(4.)).sum().backward()
print(xg.grad.abs().sum() < 1e-4, xg.grad.shape)
bn.eval()
print(bn(x).grad_fn, bn(xg).requires_grad)
