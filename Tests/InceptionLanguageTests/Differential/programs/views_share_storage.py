# Views share their base's storage, as in PyTorch: a change in place through a view (indexing,
# view / reshape, permute / transpose / t / T, narrow, select, split / chunk / unbind, diagonal,
# unfold, expand, detach, .data, as_strided) shows in the base and in every other view of it,
# and a change to the base shows in the views. reshape and flatten of a tensor whose strides
# cannot show the new shape copy instead, so their changes stay their own.
import torch
import torch.nn as nn

x = torch.zeros(3, 4)
row = x[1]
row += 1
x[:, 0] = 5
print(x)
print(row)
col = x.narrow(1, 2, 2)
col.mul_(10)
x.select(0, 2).fill_(-1)
print(x, col)

a = torch.arange(12.).view(3, 4)
t = a.t()
t[0] = 100
v = a.view(-1)
v[-1] = -7
print(a)
print(t.shape, v[:5])

for i, r in enumerate(torch.zeros(2, 3).unbind(0)):
    pass
m = torch.zeros(3, 3)
for i, r in enumerate(m):
    r[i] = i + 1
m.diagonal(1).add_(0.5)
print(m)
first, second = m.split(2)
second.zero_()
left, right = m.chunk(2, dim=1)
left.sub_(1)
print(m)
cols = m.unbind(1)
cols[2].fill_(4)
print(m, cols[0])

s = torch.zeros(6)
s.unfold(0, 3, 3).add_(torch.tensor([1., 2., 3.]))
print(s)
base = torch.zeros(4, 4)
blocks = base.view(2, 2, 2, 2).permute(0, 2, 1, 3)
blocks[0, 1] += 1
blocks[1, 0, 1, 1] = 9
print(base)

# the base changed: its views see it
w = torch.ones(2, 3)
w_rows = w.view(3, 2)
w.add_(torch.arange(6.).view(2, 3))
print(w_rows)
w.mul_(2)
print(w_rows[0], w.t()[1])

# detach and .data share the storage too
p = torch.zeros(3)
d = p.detach()
d += 2
p.data[0] = 7
print(p, d)

# copies: reshape and flatten of a transposed tensor, contiguous(), clone()
c = torch.zeros(2, 3)
flat = c.t().reshape(-1)
flat[0] = 1
dense = c.t().contiguous()
dense[0, 0] = 2
cl = c[0].clone()
cl += 3
print(c, flat, dense[0], c.contiguous() is c)

# as_strided over the base's storage
g = torch.arange(12.)
win = g.as_strided((3, 3), (3, 1), 1)
win[0, 0] = 100
print(g)
print(g.as_strided((2, 2), (1, 2), 2))

# expanded views share places: PyTorch refuses to write into them
e = torch.zeros(2, 1).expand(2, 3)
try:
    e.add_(1)
except RuntimeError as err:
    print("RuntimeError:", err)

# a parameter's views follow the optimizer, the initialisers and load_state_dict
torch.manual_seed(0)
lin = nn.Linear(2, 2)
opt = torch.optim.SGD(lin.parameters(), lr=0.5)
w0 = lin.weight[0].detach()
lin(torch.ones(1, 2)).sum().backward()
opt.step()
print(w0, lin.weight[0].detach())
with torch.no_grad():
    lin.weight[1].fill_(3.0)
    lin.bias[:1] = -1.0
nn.init.zeros_(lin.weight[0])
print(lin.weight.detach(), lin.bias.detach(), w0)
lin.load_state_dict({"weight": torch.ones(2, 2), "bias": torch.zeros(2)})
print(w0)

# a view of a leaf that requires grad cannot change in place outside no_grad
leaf = torch.zeros(3, requires_grad=True)
try:
    leaf[0].mul_(2)
except RuntimeError as err:
    print("RuntimeError:", err)
