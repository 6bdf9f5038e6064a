# int32 tensors: made with dtype=torch.int32 or .int(), printed with their dtype, promoted as
# PyTorch promotes them (a Python int keeps int32, an int64 tensor widens it, sums widen).
import torch

t = torch.arange(6, dtype=torch.int32)
print(t, t.dtype, (t * 2).dtype, (t / 2).dtype, t // 4, t.sum(), t.sum().dtype, t.max())
labels = torch.tensor([1, 2, 3])
print((labels == 2).int(), labels.int(), torch.tensor([1.7, -2.5]).int(), labels.int().type(), labels.int().element_size())
i32 = torch.tensor([1, 2], dtype=torch.int32)
print(i32 + torch.tensor([1, 2]), (i32 + torch.tensor([1.5, 2.5])).dtype, (i32 + torch.tensor(5)).dtype, (torch.tensor(3, dtype=torch.int32) + 2).dtype)
print(t + 1, (t + 1.5).dtype, (t + True).dtype, t.long().dtype, torch.int, torch.int32, torch.int == torch.int32)
x = torch.arange(12.0).view(4, 3)
idx = torch.tensor([0, 2], dtype=torch.int32)
print(x[idx], x.index_select(0, idx))
counts = torch.zeros(3, dtype=torch.int32)
counts[1] = 5
counts += 2
print(counts, counts.dtype)
print(t.view(2, 3), t.reshape(3, 2).T, t[1:4], t.argmax(), torch.stack([t, t]).dtype, torch.cat([t, labels]).dtype)
print(t & 3, ~t, t.cumsum(0), t.cumsum(0).dtype, t.prod(), t.tolist(), t[2].item(), -torch.tensor([0], dtype=torch.int32) / 1)
print(torch.zeros(2, 2, dtype=torch.int32), torch.ones(3, dtype=torch.int), torch.full((2,), 7, dtype=torch.int32))
print((t > 2).sum(), t.float() / 2, t.clamp(1, 3), t.min(dim=0), torch.where(t > 2, t, 0), torch.where(t > 2, t, torch.tensor(0)))
emb = torch.nn.Embedding(10, 2)
print(emb(idx).shape, t.bincount(), torch.tensor([3, 1], dtype=torch.int32).sort(), torch.tensor([], dtype=torch.int32))
for bad in [lambda: t.mean(), lambda: t.float().add_(1).int().add_(0.5)]:
    try:
        bad()
    except RuntimeError as e:
        print("RuntimeError:", e)
mask = torch.tensor([True, False])
for bad in [lambda: mask // mask, lambda: mask % mask, lambda: mask ** mask]:
    try:
        bad()
    except NotImplementedError as e:
        print("NotImplementedError:", e)
print(mask ** True, mask // 2, mask % 2)
correct = (torch.tensor([0, 1, 1, 2]) == torch.tensor([0, 1, 2, 2])).int()
print(correct, correct.sum().item(), f"{correct.float().mean().item():.0%}")
