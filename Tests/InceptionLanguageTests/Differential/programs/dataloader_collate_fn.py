# DataLoader(collate_fn=…) calls the program's function with each batch's list of samples; default_collate by name
import torch
from torch.utils.data import Dataset, DataLoader, TensorDataset, random_split, Subset, ConcatDataset
torch.manual_seed(0)
class Squares(Dataset):
    def __init__(self, n): self.n = n
    def __len__(self): return self.n
    def __getitem__(self, i): return torch.tensor([float(i)]), i * i
ds = Squares(10)
dl = DataLoader(ds, batch_size=4, shuffle=False, drop_last=False)
for xb, yb in dl:
    print(xb.shape, yb)
print(len(dl), len(ds))
a, b = random_split(ds, [7, 3], generator=torch.Generator().manual_seed(42))
print(len(a), len(b), [b[i][1] for i in range(len(b))])
s = Subset(ds, [1, 3])
print(s[1], len(ConcatDataset([ds, s])))
td = TensorDataset(torch.arange(6.).view(3, 2), torch.tensor([0, 1, 0]))
print(td[1], next(iter(DataLoader(td, batch_size=2))))
def collate(batch):
    xs, ys = zip(*batch)
    return torch.stack(xs), torch.tensor(ys)
print(next(iter(DataLoader(ds, batch_size=3, collate_fn=collate))))
g = (i * 2 for i in range(3))
print(next(g), list(g))
class Counter:
    def __init__(self): self.n = 0
    def __iter__(self): return self
    def __next__(self):
        if self.n >= 3: raise StopIteration
        self.n += 1
        return self.n
print(list(Counter()))
print(dict(sorted({"b": 2, "a": 1}.items(), key=lambda kv: kv[1], reverse=True)))
from collections import defaultdict, Counter as C
d = defaultdict(list); d["x"].append(1); print(dict(d), C("abca").most_common(2))
from torch.utils.data import default_collate
print(default_collate([(torch.zeros(2), 1), (torch.ones(2), 2)]))
dl = DataLoader(TensorDataset(torch.arange(8.)), batch_size=3, collate_fn=lambda b: len(b), pin_memory=False, num_workers=0)
print(list(dl))
