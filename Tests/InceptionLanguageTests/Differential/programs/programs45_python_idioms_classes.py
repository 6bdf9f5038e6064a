import math
from dataclasses import dataclass, field

@dataclass
class Config:
    name: str
    lr: float = 0.01
    layers: list = field(default_factory=lambda: [16, 32])
    dropout: float = 0.0

    def describe(self):
        return f"{self.name}: lr={self.lr:g} layers={'x'.join(map(str, self.layers))}"

class Meter:
    def __init__(self, name):
        self.name = name
        self.values = []

    def update(self, v, n=1):
        self.values.extend([v] * n)

    @property
    def avg(self):
        return sum(self.values) / len(self.values) if self.values else float("nan")

    def __repr__(self):
        return f"Meter({self.name!r}, n={len(self.values)}, avg={self.avg:.3f})"

    def __len__(self):
        return len(self.values)

c = Config("tiny")
print(c)
print(c.describe(), Config("big", lr=1e-4, layers=[64, 128, 256]).describe())
print(c == Config("tiny"), c.layers is Config("tiny").layers)
m = Meter("loss")
print(m)
for i, v in enumerate([0.9, 0.7, 0.6]):
    m.update(v, n=i + 1)
print(m, len(m), str(m))
results = {"resnet": 0.912, "vgg": 0.887, "googlenet": 0.934, "lenet": 0.62}
for rank, (name, acc) in enumerate(sorted(results.items(), key=lambda kv: -kv[1]), start=1):
    print(f"{rank}. {name.capitalize():<10}{acc:>7.1%}")
print(max(results, key=results.get), min(results.values()))
print({k.upper(): round(v * 100) for k, v in results.items() if v > 0.8})
print(list(zip(*[(1, "a"), (2, "b")])))
sizes = [224, 112, 56, 28, 14, 7]
print([s // 2 for s in sizes if s % 2 == 0], sum(sizes), math.prod(sizes[-2:]))
print(f"{1234567:,} {0.000123:.2e} {math.pi:.5f} {42:08.3f} {255:#x} {7:b} {-3:+d}")
print(math.floor(-2.5), math.ceil(2.1), math.isclose(0.1 + 0.2, 0.3), math.sqrt(2) ** 2, math.log(math.e), math.inf > 1e308)
print("conv3x3_bn".split("_"), "-".join(["a", "b"]), "Layer".ljust(8, ".") + "|", "  pad ".strip(), "abc".replace("b", "B"))
print("x={x}, y={y}".format(x=1, y=2.5), "%d/%d %.2f%%" % (3, 4, 75.0))
try:
    Meter("empty").values[0]
except IndexError as e:
    print(type(e).__name__, e)
try:
    raise ValueError(f"bad channel count {3}, expected {4}")
except ValueError as e:
    print("caught:", e)
try:
    assert len(sizes) == 7, f"expected 7 sizes, got {len(sizes)}"
except AssertionError as e:
    print("AssertionError:", e)
print(isinstance(c, Config), isinstance(3, (int, float)), type(m).__name__, hasattr(m, "avg"))
d = dict(a=1)
d.setdefault("b", []).append(2)
d.update({"c": 3})
print(d, d.get("z", -1), d.pop("a"), list(d.items()))
print(divmod(17, 5), 17 // -5, 2 ** -1, round(2.5), round(3.5), int("12") + int(3.9), abs(-4.5))
