import torch
import torch.nn as nn
import torch.nn.functional as F
# grad_fn.next_functions: walking the autograd graph as tutorials do, down to AccumulateGrad
# (its .variable), through a Linear (AddmmBackward0 / MmBackward0 with TBackward0), a convolution
# block, cat/view/pow, cross_entropy (NllLoss over LogSoftmax), number-tensor operations

def walk(fn, depth=0):
    if fn is None:
        print('  ' * depth + 'None'); return
    print('  ' * depth + fn.name() + (' ' + str(fn.variable.shape) if hasattr(fn, 'variable') else ''))
    for f, i in fn.next_functions:
        walk(f, depth + 1)

a = torch.tensor([1., 2.], requires_grad=True); b = torch.tensor([3., 4.])
g = ((a * 3 + b) * a).sum().grad_fn
walk(g)
print(type(g).__name__, type(g.next_functions[0][0].next_functions[1][0]).__name__)

m = nn.Sequential(nn.Linear(4, 3), nn.ReLU(), nn.Linear(3, 2, bias=False))
walk(m(torch.randn(5, 4)).mean().grad_fn)

x = torch.randn(2, 3, requires_grad=True)
walk(torch.cat([x, x.exp()], 0).view(-1).pow(2).mean().grad_fn)
walk((x @ x.t()).tanh().sum(1).max().grad_fn)

c = nn.Conv2d(1, 2, 3); bn = nn.BatchNorm2d(2)
walk(F.max_pool2d(F.relu(bn(c(torch.randn(1, 1, 6, 6)))), 2).flatten(1).sum().grad_fn)

logits = torch.randn(3, 4, requires_grad=True)
walk(F.cross_entropy(logits, torch.tensor([0, 1, 2])).grad_fn)
print(nn.MSELoss()(logits, torch.zeros(3, 4)).grad_fn.name())
walk((logits[0] - logits[:, 1].mean()).abs().sum().grad_fn)

y = (torch.ones(2, requires_grad=True) * 3).sum()
print(len(y.grad_fn.next_functions), y.grad_fn.next_functions[0][1], y.grad_fn.next_functions[0][0].next_functions[1])
