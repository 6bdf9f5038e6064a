import torch
import torch.nn as nn
import torch.nn.functional as F
# Dataset subclasses (__len__, __getitem__) in DataLoader, default_collate of tuples and dicts, random_split by counts and fractions, Subset, a training loop over a custom Dataset
from torch.utils.data import Dataset, DataLoader, random_split, Subset, TensorDataset
class D(Dataset):
    def __init__(self, n):
        self.x = torch.randn(n, 4); self.y = (self.x.sum(1) > 0).long()
    def __len__(self):
        return len(self.x)
    def __getitem__(self, i):
        return self.x[i], self.y[i]
ds = D(20)
print(len(ds), ds[3])
tr, va = random_split(ds, [15, 5])
print(len(tr), len(va), len(Subset(ds, [0, 1, 2])), tr.indices)
dl = DataLoader(tr, batch_size=4, shuffle=True)
for i, (xb, yb) in enumerate(dl):
    print(i, xb.shape, yb.tolist())
for xb, yb in DataLoader(va, batch_size=2):
    print(xb.sum().item() == xb.sum().item(), yb)

from torch.utils.data import Dataset, DataLoader, random_split
class Squares(Dataset):
    def __init__(self):
        super().__init__()
        self.n = 10
    def __len__(self):
        return self.n
    def __getitem__(self, idx):
        x = torch.tensor([float(idx)])
        return {"x": x, "y": idx * idx, "name": f"item{idx}"}
ds = Squares()
a, b = random_split(ds, [0.7, 0.3])
print(len(a), len(b), a.indices, b.indices)
for batch in DataLoader(ds, batch_size=4):
    print(batch["x"].shape, batch["y"], batch["name"])

from torch.utils.data import TensorDataset, DataLoader, random_split
full = TensorDataset(torch.arange(10.).view(10, 1), torch.arange(10))
train, test = random_split(full, [8, 2])
print(train[0], len(test))
for x, y in DataLoader(train, batch_size=3, shuffle=True, drop_last=True):
    print(x.view(-1).tolist(), y.tolist())

from torch.utils.data import Dataset, DataLoader
class Pairs(Dataset):
    def __len__(self):
        return 6
    def __getitem__(self, i):
        return torch.full((2,), float(i)), i % 2
model = nn.Linear(2, 2)
opt = torch.optim.SGD(model.parameters(), lr=0.1)
for epoch in range(2):
    for x, y in DataLoader(Pairs(), batch_size=3, shuffle=True):
        opt.zero_grad(); loss = F.cross_entropy(model(x), y); loss.backward(); opt.step()
    print(epoch, round(loss.item(), 4))

# enumerate, list, next(iter(…)) and zip over a shuffling DataLoader each draw one epoch's order, as PyTorch's iterator does
from torch.utils.data import DataLoader, TensorDataset
torch.manual_seed(0)
dl = DataLoader(TensorDataset(torch.arange(6.)), batch_size=2, shuffle=True)
for i, (b,) in enumerate(dl):
    print(i, b)
print(torch.randn(1))
print(len(list(dl)))
print(torch.randn(1))
b = next(iter(dl))
print(b, torch.randn(1))
for b in zip(dl, range(2)):
    pass
print(torch.randn(1))

# random_split's checks: fractions must sum to 1 (then each in 0…1), counts to the length
from torch.utils.data import random_split
for lengths in ([0.5, 1.5], [0.5, 0.6], [10, 5], [0.25, 0.75]):
    try:
        print([len(p) for p in random_split(TensorDataset(torch.arange(20.)), lengths)])
    except ValueError as e:
        print("ValueError", e)

# loader.dataset is the dataset the loader was given
loader = DataLoader(ds, batch_size=4)
print(loader.dataset is ds, len(loader.dataset), loader.batch_size, len(loader))

# "is" compares identity: the loader keeps the very dataset, and asking does not draw an epoch
ds6 = TensorDataset(torch.arange(6.)); dl6 = DataLoader(ds6, batch_size=4, shuffle=True)
print(dl6.dataset is ds6, dl6 is dl6, dl6.dataset is not ds6, torch.ones(1).dtype is torch.float32, torch.randn(1))
