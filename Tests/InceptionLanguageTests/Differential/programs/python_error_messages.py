# Python semantics: the exception classes and messages of common mistakes (division by zero, ordering, iteration, indexing, attributes, len, operands, popitem, StopIteration, too many arguments), as except clauses and print(e) see them
def show(name, f):
    try:
        f()
        print(name, "-> no error")
    except Exception as e:
        print(name, "->", type(e).__name__, "|", e, "|", repr(e))

show("7 % 0", lambda: 7 % 0)
show("1 // 0", lambda: 1 // 0)
show("1 / 0", lambda: 1 / 0)
show("1.0 / 0", lambda: 1.0 / 0)
show("1.0 // 0", lambda: 1.0 // 0)
show("1.0 % 0", lambda: 1.0 % 0)
show("divmod(1, 0)", lambda: divmod(1, 0))
show("sorted([1, 'a'])", lambda: sorted([1, "a"]))
show("'a' < 1", lambda: "a" < 1)
show("None < 1", lambda: None < 1)
show("[1] < 'a'", lambda: [1] < "a")
show("list(5)", lambda: list(5))
show("tuple(5)", lambda: tuple(5))
show("sum(5)", lambda: sum(5))
show("iter(5)", lambda: iter(5))
show("zip(1)", lambda: zip(1))
show("enumerate(5)", lambda: enumerate(5))
show("(5)[0]", lambda: (5)[0])
show("None[0]", lambda: None[0])
show("[1][5]", lambda: [1][5])
show("(1,)[5]", lambda: (1,)[5])
show("'a'[5]", lambda: "a"[5])
show("None.foo", lambda: None.foo)
show("(1).foo", lambda: (1).foo)
show("'a'.foo", lambda: "a".foo)
show("[].foo", lambda: [].foo)
show("len(5)", lambda: len(5))
show("len(None)", lambda: len(None))
show("'a' + 1", lambda: "a" + 1)
show("None + 1", lambda: None + 1)
show("1 + 'a'", lambda: 1 + "a")
show("[1] + (1,)", lambda: [1] + (1,))
show("{}.popitem()", lambda: {}.popitem())
show("next(iter([]))", lambda: next(iter([])))
one = lambda x: x
none = lambda: 1
show("one(1, 2)", lambda: one(1, 2))
show("none(2)", lambda: none(2))
def two(a, b):
    return a
show("two(1, 2, 3)", lambda: two(1, 2, 3))
show("{}['a']", lambda: {}["a"])
show("[].pop()", lambda: [].pop())
show("abs('a')", lambda: abs("a"))
show("-'a'", lambda: -"a")
show("next([1])", lambda: next([1]))
show("int(None)", lambda: int(None))
show("float(None)", lambda: float(None))
try:
    raise StopIteration
except StopIteration as e:
    print("StopIteration", repr(e), str(e) == "")
def opt(a, b=1):
    return a
show("opt(1, 2, 3)", lambda: opt(1, 2, 3))
class Box:
    def __init__(self, v):
        self.v = v
    def get(self, k):
        return self.v
show("Box(1, 2)", lambda: Box(1, 2))
show("Box(1).get(1, 2)", lambda: Box(1).get(1, 2))
show("1 in 5", lambda: 1 in 5)
show("'a' * 'b'", lambda: "a" * "b")
show("[1, 2][1.0]", lambda: [1, 2][1.0])
show("'ab'[1.0]", lambda: "ab"[1.0])
show("2 ** 'a'", lambda: 2 ** "a")
show("divmod(1.0, 0)", lambda: divmod(1.0, 0))
show("1 > 'a'", lambda: 1 > "a")
show("max([1, None])", lambda: max([1, None]))
for f in [lambda: 7 % 0, lambda: sorted([1, "a"]), lambda: list(5), lambda: [1][5]]:
    try:
        f()
    except (ZeroDivisionError, TypeError, IndexError) as e:
        print("caught", type(e).__name__)
