# functools.total_ordering and cmp_to_key, dataclass(order=True) and dataclass(frozen=True),
# dict keys()/items() as sets, OrderedDict and Counter equality, namedtuple immutability,
# and a plain class's default repr.
from collections import Counter, OrderedDict, namedtuple
from dataclasses import FrozenInstanceError, dataclass
from functools import cmp_to_key, total_ordering

print(sorted([3, 1, 2], key=cmp_to_key(lambda a, b: b - a)))
print(sorted(["bb", "a", "ccc", "dd"], key=cmp_to_key(lambda a, b: len(a) - len(b))))
print(max(["bb", "a", "ccc"], key=cmp_to_key(lambda a, b: len(a) - len(b))))

@total_ordering
class Version:
    def __init__(self, major, minor):
        self.major, self.minor = major, minor
    def __eq__(self, other):
        return (self.major, self.minor) == (other.major, other.minor)
    def __lt__(self, other):
        return (self.major, self.minor) < (other.major, other.minor)
    def __repr__(self):
        return f"Version({self.major}, {self.minor})"

v1, v2 = Version(1, 2), Version(1, 10)
print(v1 < v2, v1 <= v2, v1 > v2, v1 >= v2, v1 <= Version(1, 2), v1 >= Version(1, 2), v1 == Version(1, 2))
print(sorted([Version(2, 0), v2, v1]), max(v1, v2), min(v1, v2))

@total_ordering
class Reverse:
    def __init__(self, n): self.n = n
    def __eq__(self, other): return self.n == other.n
    def __gt__(self, other): return self.n < other.n
print(Reverse(1) > Reverse(2), Reverse(1) < Reverse(2), Reverse(1) >= Reverse(1), Reverse(3) <= Reverse(2))

@dataclass(order=True)
class Card:
    rank: int
    suit: str = "spades"
hand = [Card(10, "hearts"), Card(2), Card(10, "clubs")]
print(sorted(hand))
print(Card(1) < Card(1, "z"), Card(3) <= Card(3), Card(2) > Card(10), max(hand))

@dataclass
class Plain:
    rank: int
try:
    Card(1) < Plain(1)
except TypeError as e:
    print("TypeError:", e)

@dataclass(frozen=True)
class Point:
    x: int
    y: int = 0
p = Point(1, 2)
print(p, p == Point(1, 2), hash(p) == hash(Point(1, 2)), {p: "here"}[Point(1, 2)], len({p, Point(1, 2), Point(2)}))
try:
    p.x = 5
except FrozenInstanceError as e:
    print(type(e).__name__, e, isinstance(e, AttributeError))
try:
    p.z = 5
except AttributeError as e:
    print("AttributeError:", e)
print(p)

d = {"a": 1, "b": 2, "c": 3}
print(sorted(d.keys() & {"b", "z"}), sorted(d.keys() | {"q"}), sorted(d.keys() - {"a"}), sorted(d.keys() ^ ["a", "q"]))
print(sorted(d.items() & {("a", 1), ("b", 5)}), sorted(d.items() - {("a", 1)}), d.keys() & d.keys() == {"a", "b", "c"})

print(OrderedDict(a=1, b=2) == OrderedDict(b=2, a=1), OrderedDict(a=1, b=2) == OrderedDict(a=1, b=2), OrderedDict(a=1, b=2) == {"b": 2, "a": 1})
print(Counter(a=1) == Counter(a=1, b=0), Counter("aab") == Counter("aba"), Counter(a=1) == Counter(a=2), Counter("aab").total())

Pair = namedtuple("Pair", "left right")
try:
    Pair(1, 2).left = 3
except AttributeError as e:
    print("AttributeError:", e)

class Thing:
    pass
class Named:
    def __str__(self):
        return "a named thing"
print(repr(Thing()).startswith("<__main__.Thing object at 0x"), str(Thing()).startswith("<__main__.Thing object at 0x"))
print(Named(), repr(Named()).startswith("<__main__.Named object at 0x"), f"{Named()}")

from dataclasses import field

@dataclass(order=True)
class Task:
    priority: int
    name: str = field(compare=False)
    notes: list = field(default_factory=list, repr=False, compare=False)
tasks = [Task(2, "write"), Task(1, "read", ["x"]), Task(2, "alpha")]
print(sorted(tasks), Task(1, "a") == Task(1, "b", [1]), Task(1, "a") < Task(2, "a"))

@dataclass
class Child(Task):
    extra: int = 0
print(Child(3, "c", extra=4), Child(3, "c") == Child(3, "d"))

class Position:
    def __init__(self, at): self.at = at
    def __index__(self): return self.at
    def __hash__(self): return hash(self.at)
    def __eq__(self, other): return isinstance(other, Position) and other.at == self.at
print([10, 20, 30][Position(1)], "abc"[Position(-1)], (4, 5)[Position(0)], range(10, 20)[Position(3)])
print({Position(0): "a key, not an index"}[Position(0)])
