# Generator expressions make each item as it is taken, as Python's.
import torch

def check(x):
    print("  checking", x)
    return x > 2

print(any(check(x) for x in [1, 3, 5, 7]))
print(all(check(x) for x in [5, 1, 9]))

k = 1
scaled = (x * k for x in [1, 2, 3])
k = 10
print(list(scaled))

g = (1 / x for x in [1, 0, 2])
print("made, nothing divided yet")
print(next(g))
try:
    next(g)
except ZeroDivisionError as e:
    print("raised when taken:", e)

try:
    (x for x in 5)
except TypeError as e:
    print("TypeError at once:", e)

evens = (i for i in range(10) if i % 2 == 0)
print(next(evens), next(evens))
print(list(evens))
print(list(evens))

pairs = ((i, j) for i in range(3) for j in range(i))
print(list(pairs))

first_big = next((p for p in [0.5, 2.5, 7.0] if p > 1), None)
print(first_big)
print(next((p for p in [0.5] if p > 1), "none"))

total = sum(x * x for x in range(1000))
print(total, max(len(w) for w in "a bb ccc".split()), " ".join(str(i) for i in range(4)))

xs = [1, 2, 3]
gen = (v * 2 for v in xs)
xs.append(4)
print(sorted(gen))

torch.manual_seed(0)
layers = [torch.nn.Linear(4, 4) for _ in range(3)]
params = (p for layer in layers for p in layer.parameters())
print(sum(p.numel() for p in params))
print(type((x for x in [])).__name__)
found = False
for name in (n for n in ["conv1", "conv2", "fc"] if n.startswith("conv")):
    print("layer", name)
    if name == "conv1":
        found = True
        break
print(found)
t = torch.stack(tuple(torch.ones(2) * i for i in range(3)))
print(t)
print(torch.tensor(list(float(i) for i in range(3))))
print(dict((str(i), i) for i in range(3)), tuple(i for i in range(3)))
print(min((abs(v - 2.2), v) for v in [1, 2, 3]))
