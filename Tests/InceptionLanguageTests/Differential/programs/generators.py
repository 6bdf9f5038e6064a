import torch
import torch.nn as nn
import torch.nn.functional as F
# torch.Generator: its own stream for every random function's generator=, DataLoader and random_split, the default stream left alone
from torch.utils.data import TensorDataset, DataLoader, random_split
g = torch.Generator().manual_seed(42)
print(torch.randn(2, generator=g))
print(torch.randint(0, 10, (3,), generator=g), torch.randint(5, (2,), generator=g))
print(torch.rand(2, 2, generator=g))
print(torch.randperm(5, generator=g))
print(torch.normal(0., 1., size=(2,), generator=g))
print(torch.normal(torch.zeros(2), 2.0, generator=g))
print(torch.bernoulli(torch.full((4,), 0.5), generator=g))
print(torch.randn(2))
print(g.initial_seed(), torch.Generator().initial_seed(), g.device)
print(g.manual_seed(7) is g, torch.rand(1, generator=g))
# initialisers and in-place fills
g = torch.Generator().manual_seed(3)
w = torch.empty(3, 4)
nn.init.kaiming_uniform_(w, generator=g)
print(w)
nn.init.normal_(w, generator=g)
print(w[0])
nn.init.xavier_normal_(w, generator=g)
print(w[1])
nn.init.uniform_(w, -0.1, 0.1, generator=g)
print(w[2])
nn.init.trunc_normal_(w, std=0.02, generator=g)
print(w[0])
w.uniform_(-1, 1, generator=g)
print(w[1])
w.normal_(generator=g)
print(w[2])
w.uniform_(to=3, generator=g)
print(w[0])
# data: a seeded loader repeats its epochs from the seed; the default stream does not move
ds = TensorDataset(torch.arange(10.), torch.arange(10))
g = torch.Generator().manual_seed(1)
for x, y in DataLoader(ds, batch_size=4, shuffle=True, generator=g):
    print(y)
for x, y in DataLoader(ds, batch_size=4, shuffle=True, generator=g):
    print(y)
for x, y in DataLoader(ds, batch_size=5, generator=torch.Generator().manual_seed(1)):
    print(y)
a, b = random_split(ds, [7, 3], generator=torch.Generator().manual_seed(0))
print(list(a.indices), list(b.indices))
a, b = random_split(ds, [0.5, 0.5], generator=torch.Generator().manual_seed(0))
print(list(a.indices), list(b.indices))
print(torch.rand(1))
try:
    torch.randn(2, generator=5)
except TypeError as e:
    print("TypeError")
