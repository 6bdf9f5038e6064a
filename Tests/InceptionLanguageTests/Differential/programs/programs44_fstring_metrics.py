import torch
hist = {"train": [0.91234, 0.6512, 0.43], "val": [0.95, 0.7001, 0.5123]}
acc = [0.5, 0.6666666, 0.8125]
print(f"{'epoch':>5} | {'train':^8} | {'val':<8} | acc")
for i, (tr, va, a) in enumerate(zip(hist["train"], hist["val"], acc), start=1):
    print(f"{i:>5} | {tr:^8.3f} | {va:<8.4f} | {a:.2%}")
n = 1234567
print(f"{n:,} {n:_} {n:>12,} {n:e} {n:.3e} {n:x} {n:#o} {n:010d}")
x = 0.1 + 0.2
print(x, repr(x), f"{x!r}", f"{x:g}", str(1e16), 1e-5, 1.0, 100.0, 2.5e-10, float("inf"), -0.0)
t = torch.tensor(3.14159)
print(f"{t:.2f}", f"{t.item():8.3f}|", f"{float(t):+.1e}")
name = "resnet"
print(f"{name!r:>10}|{name.upper():*^12}|{name.title()}|{name[::-1]}")
print("%5.2f|%-6d|%s" % (3.14159, 42, "hi"), "{:>6}|{:<6}|{:^6}".format("a", "b", "c"))
print(round(2.5), round(3.5), round(2.675, 2), int(-3.7), 7 // -2, -7 % 3, divmod(-7, 2))
print(f"{0.000123456:.3g}", f"{123456789.0:.3g}", f"{1/3:.10f}", f"{2/3}")
