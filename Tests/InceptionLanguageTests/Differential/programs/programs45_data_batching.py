import random
import torch

random.seed(0)
torch.manual_seed(13)

class ToyDataset:
    def __init__(self, n):
        self.x = torch.randn(n, 3)
        self.y = (self.x.sum(1) > 0).long()

    def __len__(self):
        return len(self.x)

    def __getitem__(self, i):
        return self.x[i], self.y[i]

def batches(ds, batch_size, shuffle=True, drop_last=False):
    idx = list(range(len(ds)))
    if shuffle:
        random.shuffle(idx)
    for start in range(0, len(idx), batch_size):
        chunk = idx[start:start + batch_size]
        if drop_last and len(chunk) < batch_size:
            break
        xs, ys = zip(*(ds[i] for i in chunk))
        yield torch.stack(xs), torch.stack(ys)

ds = ToyDataset(10)
print(len(ds), ds[0][0].shape, ds[0][1], ds[0][1].dtype)
for bx, by in batches(ds, 4, shuffle=False):
    print(bx.shape, by.tolist())
print(sum(1 for _ in batches(ds, 4, drop_last=True)))
train_idx, val_idx = torch.randperm(10).split([7, 3])
print(len(train_idx), len(val_idx), sorted(train_idx.tolist() + val_idx.tolist()) == list(range(10)))
mean = ds.x.mean(0, keepdim=True)
std = ds.x.std(0, keepdim=True)
normed = (ds.x - mean) / std
print(normed.mean(0).abs().max().item() < 1e-5, normed.std(0))
chunks = torch.chunk(torch.arange(10), 3)
print([c.tolist() for c in chunks])
it = iter(batches(ds, 3, shuffle=False))
first = next(it)
second = next(it)
print(first[1], second[0][0])
gen = torch.Generator().manual_seed(42)
print(torch.randperm(6, generator=gen), torch.rand(2, generator=gen))
images = torch.arange(2 * 3 * 2 * 2, dtype=torch.float32).view(2, 3, 2, 2)
flipped = images.flip(-1)
print(flipped[0, 0])
crop = images[:, :, :1, 1:]
print(crop.shape, crop.squeeze())
print(torch.utils.data.TensorDataset(ds.x, ds.y)[1][1])
