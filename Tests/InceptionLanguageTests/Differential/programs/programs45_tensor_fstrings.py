import torch

t = torch.tensor([0.12345, 2.5, -1.0])
print(f"{t}")
print(f"{t.sum():.3f} {t.mean():.2e} {t[0]:8.4f}| {t.max().item():+.1f}")
print(f"{t.shape} {t.dtype} {tuple(t.shape)} {list(t.size())}")
print("value: {:.2f}".format(t[1]), "%.3f" % t[0], "%s" % t.dtype)
n = torch.tensor(7)
print(f"{n} {n:d} {n.item():03d} {int(n):x}", "%d items" % n)
print(f"{n:>5}", f"{t[2]:>10}")
i = torch.tensor([3, 4])
print(f"{i}", str(i), repr(i), f"{i.tolist()}")
print("loss=" + str(round(t[0].item(), 2)), "acc=" + format(0.91234, ".1%"))
print(f"{torch.tensor(True)} {torch.tensor(1.5)!r} {torch.tensor([[1, 2]])!s}")
print(f"{torch.float32} {torch.int64!r} {torch.device('cpu')} {torch.Size([2, 3])}")
print(f"{'epoch':>6}|{'loss':>8}|{'acc':>6}")
for e, (l, a) in enumerate([(torch.tensor(1.23456), torch.tensor(0.5)), (torch.tensor(0.98765), torch.tensor(0.75))]):
    print(f"{e:>6}|{l:>8.4f}|{a:>6.1%}")
print(torch.Size([1, 2]) == (1, 2), torch.Size([3]) + (4,), torch.Size([2, 3]).numel(), len(torch.Size([5, 6, 7])))
print(t.tolist(), [f"{v:.2f}" for v in t])
print(round(t[0].item(), 3), float(t[1]), bool(t[1] > 2), t[1] > 2)
try:
    print(f"{t:.2f}")
except TypeError as e:
    print("TypeError:", e)
try:
    bool(t > 0)
except RuntimeError as e:
    print("RuntimeError:", e)
