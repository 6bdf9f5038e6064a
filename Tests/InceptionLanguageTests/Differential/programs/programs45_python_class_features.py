from collections import namedtuple, OrderedDict, Counter, defaultdict

class Phase:
    TRAIN = "train"
    VAL = "val"

Sample = namedtuple("Sample", ["image_id", "label", "score"])

class Registry:
    _models = {}

    @classmethod
    def register(cls, name):
        def wrap(fn):
            cls._models[name] = fn
            return fn
        return wrap

    @staticmethod
    def describe(name):
        return f"<model {name}>"

    def __contains__(self, name):
        return name in self._models

    def __iter__(self):
        return iter(sorted(self._models))

@Registry.register("lenet")
def lenet():
    return "LeNet"

@Registry.register("alexnet")
def alexnet():
    return "AlexNet"

reg = Registry()
print("lenet" in reg, "vgg" in reg, list(reg), Registry.describe("x"), Registry._models["alexnet"]())
print(Phase.TRAIN, getattr(Phase, "VAL"), [getattr(Phase, k) for k in ("TRAIN", "VAL") if hasattr(Phase, k)])
s = Sample(3, "cat", 0.91)
print(s, s.label, s._asdict(), s._replace(score=0.5), tuple(s), len(s))
samples = [Sample(i, lab, sc) for i, (lab, sc) in enumerate([("cat", 0.9), ("dog", 0.4), ("cat", 0.7), ("bird", 0.95)])]
print(Counter(x.label for x in samples).most_common(2))
by_label = defaultdict(list)
for x in samples:
    by_label[x.label].append(x.score)
print(dict(by_label), {k: max(v) for k, v in sorted(by_label.items())})
od = OrderedDict(a=1, b=2)
od.move_to_end("a")
print(od, list(od.keys()), od.popitem(last=False))

class Vec:
    __slots__ = ("x", "y")
    def __init__(self, x, y):
        self.x, self.y = x, y
    def __add__(self, o):
        return Vec(self.x + o.x, self.y + o.y)
    def __mul__(self, k):
        return Vec(self.x * k, self.y * k)
    __rmul__ = __mul__
    def __abs__(self):
        return (self.x ** 2 + self.y ** 2) ** 0.5
    def __repr__(self):
        return f"Vec({self.x}, {self.y})"
    def __bool__(self):
        return bool(self.x or self.y)
print(Vec(1, 2) + Vec(3, 4), 2 * Vec(1, 1), Vec(3, 4) * 0.5, abs(Vec(3, 4)), bool(Vec(0, 0)))

class Base:
    def __init__(self, name):
        self.name = name
    def __str__(self):
        return f"{type(self).__name__}({self.name})"
class Child(Base):
    def __init__(self, name, depth):
        super().__init__(name)
        self.depth = depth
    def __str__(self):
        return super().__str__() + f"[depth={self.depth}]"
c = Child("resnet", 18)
print(c, isinstance(c, Base), issubclass(Child, Base), Child.__mro__[1].__name__, vars(c))

class Temp:
    def __init__(self):
        self._t = 1.0
    @property
    def t(self):
        return self._t
    @t.setter
    def t(self, v):
        if v <= 0:
            raise ValueError("temperature must be positive")
        self._t = v
tp = Temp()
tp.t = 2.5
try:
    tp.t = -1
except ValueError as e:
    print(tp.t, e)
print([k.__name__ for k in Child.__mro__], Child.__bases__[0].__name__, Base.__bases__, len(Temp.__mro__))
