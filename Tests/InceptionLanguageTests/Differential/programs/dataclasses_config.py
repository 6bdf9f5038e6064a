# @dataclass: __init__ from the annotated fields (defaults, field(default_factory=…)), the
# generated __repr__ and __eq__, asdict / astuple / replace, inheritance of fields
from dataclasses import dataclass, field, asdict, astuple, replace
import dataclasses
@dataclass
class Config:
    name: str
    lr: float = 0.1
    epochs: int = 3
    layers: list = field(default_factory=lambda: [64, 128])
    tags: list = field(default_factory=list)
cfg = Config("run", epochs=5)
print(cfg, cfg.lr, cfg.epochs, cfg.layers)
cfg.tags.append("a")
other = Config("run", epochs=5)
print(other.tags, cfg == other, cfg == Config("run", 0.1, 5, [64, 128], ["a"]), cfg != other)
print(asdict(cfg), astuple(other), replace(cfg, lr=0.5), dataclasses.is_dataclass(cfg), Config.lr)
@dataclass
class Point:
    x: float
    y: float = 0.0
    def norm(self):
        return (self.x ** 2 + self.y ** 2) ** 0.5
p = Point(3.0, 4.0)
print(p, p.norm(), repr(p), str(p), f"{p}", [Point(1, 2)])
@dataclass(eq=False)
class Box:
    size: int = 1
print(Box() == Box(), Box(2))
@dataclass
class Point3(Point):
    z: float = 1.0
print(Point3(1.0, 2.0), Point3(1, 2, 3).norm())
@dataclass
class Hyper:
    batch: int = 8
    def total(self, n):
        return self.batch * n
h = Hyper()
h.batch = 16
print(h.total(2), h)

try:
    @dataclass
    class Bad:
        a: int = 1
        b: int
except TypeError as e:
    print("TypeError", e)
try:
    @dataclass
    class Mutable:
        a: list = []
except ValueError as e:
    print("ValueError", e)
