# torch.utils.data's dataset classes: isinstance/issubclass of Dataset for subclasses and the
# library's datasets, Subset and random_split's results iterated and indexed, TensorDataset.tensors,
# `a + b` as ConcatDataset, strings collated into tuples, IterableDataset, batch_size=None
import torch
from torch.utils.data import (Dataset, IterableDataset, TensorDataset, Subset, ConcatDataset,
                              DataLoader, random_split, default_collate, default_convert)
torch.manual_seed(0)
class Tens(Dataset):
    def __init__(self, n):
        self.n = n
    def __len__(self):
        return self.n
    def __getitem__(self, i):
        if i >= self.n:
            raise IndexError("out of range")
        return i * 10
ds = Tens(3)
td = TensorDataset(torch.arange(4), torch.arange(4) * 2)
print(isinstance(ds, Dataset), issubclass(Tens, Dataset), isinstance(ds, IterableDataset), isinstance(5, Dataset))
print(isinstance(td, Dataset), isinstance(Subset(td, [0]), Dataset), isinstance(ConcatDataset([td, td]), Dataset))
print(issubclass(TensorDataset, Dataset), issubclass(Subset, Dataset), issubclass(ConcatDataset, Dataset), issubclass(IterableDataset, Dataset))
print(len(td.tensors), td.tensors[1], list(ds), len(ds))
tr, va = random_split(TensorDataset(torch.arange(4)), [2, 2], generator=torch.Generator().manual_seed(0))
print([x.item() for (x,) in va], len(tr), tr[0], tr[-1], tr.indices, isinstance(tr, Subset))
a, b = random_split(range(6), [4, 2], generator=torch.Generator().manual_seed(0))
print(list(a), list(b), a[1], len(b))
s = Subset(ds, [2, 0])
print(list(s), s[1], len(s), [x for x in Subset(range(10), [9, 3, 5])])
c = ds + ds
print(type(c).__name__, len(c), list(c), c[4], c.cumulative_sizes)
c2 = td + Subset(td, [3])
print(type(c2).__name__, len(c2), c2[4], c2[-1])
try:
    TensorDataset(torch.zeros(3), torch.zeros(4))
except AssertionError as e:
    print("AssertionError:", e)
data = [(torch.tensor(0.0), "a.png"), (torch.tensor(1.0), "b.png"), (torch.tensor(2.0), "c.png")]
for x, names in DataLoader(data, batch_size=2):
    print(x, names)
print(default_collate(["a", "b"]), default_collate([["x", 1], ["y", 2]]), default_collate([{"k": "v", "n": 1}, {"k": "w", "n": 2}]))
print(default_convert((torch.tensor(1), "s", (2, 3))), default_convert({"a": (1, 2)}))
for x in DataLoader(td, batch_size=None):
    print(x)
    break
print(list(DataLoader([1, 2, 3], batch_size=None)), list(DataLoader(["p", "q"], batch_size=None, collate_fn=lambda s: s * 2)))
loader = DataLoader(ds, batch_size=None, shuffle=True)
print(loader.batch_size, loader.batch_sampler, type(loader.sampler).__name__, len(loader), list(loader))
class Stream(IterableDataset):
    def __init__(self, n):
        self.n = n
    def __iter__(self):
        for i in range(self.n):
            yield {"i": i, "sq": torch.tensor([float(i * i)])}
class Counted(IterableDataset):
    def __iter__(self):
        return iter(range(5))
    def __len__(self):
        return 5
print(isinstance(Stream(2), Dataset), isinstance(Stream(2), IterableDataset), issubclass(Stream, IterableDataset))
print([b.tolist() for b in DataLoader(Counted(), batch_size=2)], [b.tolist() for b in DataLoader(Counted(), batch_size=2, drop_last=True)])
print(len(DataLoader(Counted(), batch_size=2)), len(DataLoader(Counted(), batch_size=2, drop_last=True)), list(DataLoader(Counted(), batch_size=None)))
for batch in DataLoader(Stream(5), batch_size=2):
    print(batch["i"], batch["sq"].shape)
for make in [lambda: DataLoader(Stream(3), shuffle=True), lambda: DataLoader(Stream(3), sampler=[0]),
             lambda: ConcatDataset([]), lambda: ConcatDataset([td, Stream(2)])]:
    try:
        make()
    except (ValueError, AssertionError) as e:
        print(type(e).__name__ + ":", e)
try:
    len(DataLoader(Stream(3)))
except TypeError as e:
    print("TypeError:", e)
print(torch.rand(2))
