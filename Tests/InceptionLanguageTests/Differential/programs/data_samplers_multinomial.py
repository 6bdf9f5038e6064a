# torch.utils.data's samplers draw PyTorch's numbers (RandomSampler seeds a generator of its own
# from the default stream, WeightedRandomSampler takes torch.multinomial); torch.multinomial
# with and without replacement, 1-D and 2-D, generator=; a DataLoader's sampler= and
# batch_sampler= and its attributes
import torch
from torch.utils.data import (TensorDataset, DataLoader, Sampler, SequentialSampler, RandomSampler,
                              SubsetRandomSampler, BatchSampler, WeightedRandomSampler)
torch.manual_seed(0)
p = torch.tensor([0.1, 0.4, 0.2, 0.3, 0.05])
print(torch.multinomial(p, 3), torch.multinomial(p, 8, replacement=True), p.multinomial(1))
m = torch.rand(3, 6)
print(torch.multinomial(m, 4), torch.multinomial(m, 5, True))
g = torch.Generator().manual_seed(7)
print(torch.multinomial(p, 5, generator=g).tolist(), torch.multinomial(p, 6, True, generator=g).tolist())
one_hot, wide = torch.zeros(20), torch.zeros(200)
one_hot[2], wide[7] = 1.0, 1.0
print(torch.multinomial(one_hot, 20).tolist(), torch.multinomial(wide, 3).tolist())    # equal keys as PyTorch's topk leaves them
for args in [(p, 6), (torch.tensor([1.0, -1.0]), 1), (torch.tensor([0.0, 0.0]), 2, True), (torch.tensor([1, 2]), 1)]:
    try:
        torch.multinomial(*args)
    except RuntimeError as e:
        print("RuntimeError:", e)
print(list(SequentialSampler(range(4))), len(SequentialSampler([7, 8, 9])))
print(list(RandomSampler(range(6))), list(RandomSampler(range(6))))
print(list(RandomSampler(range(5), replacement=True, num_samples=40)))
print(list(RandomSampler(range(3), num_samples=7)), len(RandomSampler(range(3), num_samples=7)))
print(list(RandomSampler(range(6), generator=torch.Generator().manual_seed(3))))
print(list(SubsetRandomSampler([10, 20, 30, 40])), list(SubsetRandomSampler(range(3), generator=g)))
print(list(WeightedRandomSampler([0.1, 0.9, 0.4, 0.7, 3.0, 0.6], 5, replacement=True)))
print(list(WeightedRandomSampler([0.9, 0.4, 0.05, 0.2, 0.3, 0.1], 5, replacement=False)))
print(list(WeightedRandomSampler(torch.tensor([1.0, 2.0, 3.0]), 4, generator=torch.Generator().manual_seed(1))))
print(list(BatchSampler(SequentialSampler(range(10)), batch_size=3, drop_last=False)))
print(list(BatchSampler(range(10), 3, True)), len(BatchSampler(range(10), 3, True)), len(BatchSampler(range(10), 3, False)))
for make in [lambda: RandomSampler(range(0)), lambda: RandomSampler(range(3), replacement=1),
             lambda: WeightedRandomSampler([1.0, 2.0], 0), lambda: WeightedRandomSampler([[1.0, 2.0]], 2),
             lambda: BatchSampler(range(4), 0, False), lambda: BatchSampler(range(4), 2, 0)]:
    try:
        make()
    except (ValueError, TypeError) as e:
        print(type(e).__name__ + ":", e)
ds = TensorDataset(torch.arange(10) * 10)
for (x,) in DataLoader(ds, batch_size=4, sampler=[5, 4, 0]):
    print(x)
class Reversed(Sampler[int]):
    def __init__(self, n):
        self.n = n
    def __iter__(self):
        return iter(range(self.n - 1, -1, -1))
    def __len__(self):
        return self.n
class Pairs(Sampler):
    def __init__(self, n):
        self.n = n
    def __iter__(self):
        order = torch.randperm(self.n).tolist()
        for i in range(0, self.n, 2):
            yield order[i:i + 2]
    def __len__(self):
        return (self.n + 1) // 2
print(isinstance(Reversed(3), Sampler), issubclass(RandomSampler, Sampler), isinstance(ds, Sampler))
loader = DataLoader(ds, batch_size=3, sampler=Reversed(10))
print([b[0].tolist() for b in loader], len(loader))
loader = DataLoader(ds, batch_sampler=Pairs(5))
print([b[0].tolist() for b in loader], len(loader), loader.batch_size)
loader = DataLoader(ds, batch_sampler=BatchSampler(RandomSampler(ds), 4, False))
print([b[0].tolist() for b in loader], len(loader))
loader = DataLoader(ds, batch_size=4, sampler=WeightedRandomSampler([1.0] * 5 + [4.0] * 5, 8))
print([b[0].tolist() for b in loader], len(loader))
loader = DataLoader(ds, batch_size=4, shuffle=True, drop_last=True)
print(loader.batch_size, loader.drop_last, loader.num_workers, loader.generator, loader.dataset is ds)
print(type(loader.sampler).__name__, type(loader.batch_sampler).__name__, len(loader.sampler), len(loader.batch_sampler))
print(loader.collate_fn.__name__, loader.batch_sampler.sampler is loader.sampler, loader.batch_sampler.batch_size)
print([b[0].tolist() for b in loader], [b[0].tolist() for b in loader])
g = torch.Generator().manual_seed(5)
loader = DataLoader(ds, batch_size=5, shuffle=True, generator=g)
print(loader.generator is g, loader.sampler.generator is g, [b[0].tolist() for b in loader], g.initial_seed())
for make in [lambda: DataLoader(ds, batch_size=0), lambda: DataLoader([], shuffle=True),
             lambda: DataLoader(ds, sampler=[1], shuffle=True), lambda: DataLoader(ds, batch_sampler=[[1]], batch_size=2),
             lambda: DataLoader(ds, batch_size=None, drop_last=True), lambda: DataLoader(ds, num_workers=-1),
             lambda: DataLoader(ds, prefetch_factor=2), lambda: DataLoader(ds, persistent_workers=True)]:
    try:
        make()
    except ValueError as e:
        print("ValueError:", e)
print(torch.rand(2))
