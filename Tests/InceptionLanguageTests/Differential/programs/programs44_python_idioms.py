import torch
class Meter:
    count = 0
    def __init__(self, name, fmt=":.3f"):
        self.name, self.fmt = name, fmt
        self.reset()
        Meter.count += 1
    def reset(self):
        self.val = self.sum = self.n = 0
    def update(self, v, n=1):
        self.val = v; self.sum += v * n; self.n += n
    @property
    def avg(self):
        return self.sum / max(self.n, 1)
    def __repr__(self):
        return f"Meter({self.name!r}, avg={self.avg:.4f})"
    def __str__(self):
        fmtstr = "{name} {val" + self.fmt + "} ({avg" + self.fmt + "})"
        return fmtstr.format(name=self.name, val=self.val, avg=self.avg)
m = Meter("loss")
for v in [1.0, 0.5, 0.25]:
    m.update(v, n=2)
print(m, repr(m), [m], Meter.count)
def log(*args, sep=" | ", **kwargs):
    parts = [str(a) for a in args] + [f"{k}={v}" for k, v in sorted(kwargs.items())]
    return sep.join(parts)
print(log("a", 1, lr=0.1, bs=32))
print(log(*[1, 2], **{"z": 0}, sep=","))
counter = 0
def bump():
    global counter
    counter += 1
for _ in range(3): bump()
print(counter)
def make_acc():
    total = 0
    def add(x):
        nonlocal total
        total += x
        return total
    return add
acc = make_acc(); acc(2); print(acc(3))
words = ["relu", "tanh", "sigmoid", "gelu", "elu"]
print(sorted(words, key=len), sorted(words, key=lambda w: (-len(w), w)))
print({w: len(w) for w in words}, {len(w) for w in words}, [w[0] for w in words if "e" in w])
try:
    int("abc")
except ValueError as e:
    print("err", e)
else:
    print("no")
finally:
    print("finally")
print(", ".join(w.capitalize() for w in words), "x".join(["1", "2"]), " a b ".strip().split())
print(list(enumerate("ab", 1)), dict(zip("abc", range(3))), list(zip(*[(1, 2), (3, 4)])))
print(max(words, key=len), min(range(5), key=lambda i: (i - 2) ** 2), any(x > 3 for x in [1, 5]))
