# a class's own __eq__ and __hash__ in sets, as dict keys, for 'in' and container equality; a
# class with __eq__ and no __hash__ (a dataclass) is unhashable, as in Python
class P:
    def __init__(self, x, y):
        self.x, self.y = x, y
    def __eq__(self, o):
        return isinstance(o, P) and (self.x, self.y) == (o.x, o.y)
    def __hash__(self):
        return hash((self.x, self.y))
    def __repr__(self):
        return f"P({self.x}, {self.y})"
a, b = P(1, 2), P(1, 2)
print({a, b}, len({a, P(2, 3), b}), {a: "first"}[b], b in [a], [a] == [b], (a,) == (b,), a in {P(1, 2)}, hash(a) == hash((1, 2)))
d = {}
for p in [P(0, 0), P(0, 0), P(1, 1)]:
    d[p] = d.get(p, 0) + 1
print(d)
from dataclasses import dataclass
@dataclass
class Q:
    v: int
print(Q(1) == Q(1), Q(1) in [Q(1)], [Q(2)] == [Q(2)])
try:
    {Q(1)}
except TypeError as e:
    print("TypeError", e)
class Plain:
    pass
p1 = Plain()
print(len({p1, p1, Plain()}), p1 in [Plain()], p1 in [p1])
