import math
import torch
import torch.nn as nn
from torch.nn.utils import get_total_norm, clip_grads_with_norm_

torch.manual_seed(0)

# nn.init.sparse_: normal(0, std) then each column's first ceil(sparsity*rows) of a randperm zeroed
w = torch.empty(6, 4)
nn.init.sparse_(w, sparsity=0.5)
print(w)
print((w == 0).sum(dim=0))
g = torch.Generator().manual_seed(3)
w2 = nn.init.sparse_(torch.empty(5, 3), 0.2, std=1.0, generator=g)
print(w2)
print(nn.init.sparse_(torch.empty(4, 2), sparsity=-0.3, std=0.5))
print(nn.init.sparse_(torch.empty(3, 3), sparsity=2.0))
layer = nn.Linear(5, 4)
nn.init.sparse_(layer.weight, 0.25)
print(layer.weight.requires_grad, int((layer.weight == 0).sum()))
try:
    nn.init.sparse_(torch.empty(2, 3, 4), 0.1)
except ValueError as e:
    print("ValueError:", e)

# get_total_norm / clip_grads_with_norm_: clip_grad_norm_ in two halves
model = nn.Sequential(nn.Linear(4, 8), nn.ReLU(), nn.Linear(8, 3))
x = torch.randn(5, 4)
loss = model(x).pow(2).sum()
loss.backward()
grads = [p.grad for p in model.parameters() if p.grad is not None]
total = get_total_norm(grads)
print(type(total).__name__, total.shape, round(total.item(), 4))
print(round(get_total_norm(grads, norm_type=1.0).item(), 4), round(get_total_norm(grads, float("inf")).item(), 4))
print(round(get_total_norm(grads[0]).item(), 4))
print(get_total_norm([]))
before = [p.grad.clone() for p in model.parameters()]
print(clip_grads_with_norm_(model.parameters(), 1.0, total))
after = get_total_norm([p.grad for p in model.parameters()])
print(round(after.item(), 4))
ratios = [round((a / b).flatten()[0].item(), 4) for a, b in zip([p.grad for p in model.parameters()], before)]
print(ratios)
# a max_norm above the total changes nothing
clip_grads_with_norm_(model.parameters(), max_norm=100.0, total_norm=after, foreach=True)
print(round(get_total_norm([p.grad for p in model.parameters()]).item(), 4))

# clip_grad_norm_ with foreach= and its return value; clip_grad_value_ with foreach=
model.zero_grad()
model(x).sum().backward()
n = torch.nn.utils.clip_grad_norm_(model.parameters(), max_norm=0.5, foreach=False)
print(round(n.item(), 4), round(get_total_norm([p.grad for p in model.parameters()]).item(), 4))
torch.nn.utils.clip_grad_value_(model.parameters(), clip_value=0.01, foreach=None)
print(max(p.grad.abs().max().item() for p in model.parameters()))

# non-finite totals
bad = [torch.tensor([1.0, float("inf")])]
print(get_total_norm(bad))
try:
    get_total_norm(bad, error_if_nonfinite=True)
except RuntimeError as e:
    print("RuntimeError:", e)
try:
    torch.nn.utils.clip_grad_norm_([nn.Parameter(torch.ones(2))], 1.0, norm_type=math.inf, error_if_nonfinite=True)
    print("no error when finite")
except RuntimeError as e:
    print("RuntimeError:", e)
