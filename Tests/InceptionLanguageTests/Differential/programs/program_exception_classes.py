# Exception classes written in the program: raised, caught by their own class or a builtin base,
# with args, attributes, __str__/__repr__, raise … from, and bare re-raise.
import torch
class ShapeError(ValueError):
    """A tensor of the wrong shape."""
    hint = "check the channels"
    def __init__(self, expected, got):
        super().__init__(f"expected {expected}, got {got}")
        self.expected = expected
        self.got = got
    def __str__(self):
        return f"shape {tuple(self.got)} is not {tuple(self.expected)}"
class SubShape(ShapeError):
    pass
class Plain(Exception):
    pass
class WithRepr(Exception):
    def __repr__(self):
        return "WithRepr!"
def check(x):
    if x.shape[1] != 3:
        raise SubShape((1, 3, 224, 224), x.shape)
    return x
for make in [lambda: check(torch.zeros(1, 4, 2, 2)), lambda: check(torch.zeros(1, 3))]:
    try:
        print(make().shape)
    except ShapeError as e:
        print("ShapeError:", e, "|", repr(e), "|", e.args, e.hint, type(e).__name__, isinstance(e, ValueError), isinstance(e, SubShape))
for exc in [Plain(), Plain("a", 2), WithRepr("w"), ShapeError((1,), (2,))]:
    print(str(exc), repr(exc), exc.args, f"{exc}", [exc])
try:
    try:
        raise Plain("first")
    except Plain as e:
        raise SubShape((1,), (2,)) from e
except Exception as e:
    print(type(e).__name__, type(e.__cause__).__name__, e.__cause__)
try:
    try:
        raise Plain("again")
    except Plain:
        raise
except Plain as e:
    print("re-raised", e)
try:
    raise Plain
except (KeyError, Plain) as e:
    print("tuple", repr(e))
print(issubclass(SubShape, ShapeError), issubclass(SubShape, ValueError), issubclass(Plain, ValueError), issubclass(Plain, Exception))
try:
    raise ValueError("plain builtin")
except ShapeError:
    print("wrong")
except ValueError as e:
    print("builtin still", e)
try:
    Plain(x=1)
except TypeError as e:
    print("TypeError", e)
