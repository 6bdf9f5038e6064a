# An exception raised while another is handled keeps it as __context__; raise … from sets
# __cause__ and __suppress_context__. A name bound by := in a comprehension lands in the
# enclosing scope. Lists and tuples do not order against each other; an unhashable dict key
# is a TypeError; calling a non-callable and setting an attribute on an int say so.
def parse(text):
    try:
        return int(text)
    except ValueError:
        raise RuntimeError(f"bad config value {text!r}")


try:
    parse("x")
except RuntimeError as e:
    print(repr(e), type(e.__context__).__name__, e.__cause__, e.__suppress_context__)

try:
    try:
        {}["k"]
    except KeyError as inner:
        raise ValueError("wrapped") from inner
except ValueError as e:
    print(repr(e.__cause__), repr(e.__context__), e.__suppress_context__, e.__cause__ is e.__context__)

try:
    try:
        1 / 0
    except ZeroDivisionError:
        raise TypeError("hidden") from None
except TypeError as e:
    print(e.__cause__, type(e.__context__).__name__, e.__suppress_context__)

try:
    try:
        [][1]
    except IndexError:
        {}["missing"]
except KeyError as e:
    print("KeyError", e, "during", type(e.__context__).__name__, e.__context__)

try:
    raise ValueError("alone")
except ValueError as e:
    print(e.__context__, e.__cause__, e.__suppress_context__)


class AppError(Exception):
    pass


try:
    try:
        int("nope")
    except ValueError as err:
        raise AppError("could not parse") from err
except AppError as e:
    print(e, "|", e.__cause__, "|", isinstance(e.__context__, ValueError))

try:
    try:
        raise AppError("first")
    except AppError:
        raise KeyError("second")
except KeyError as e:
    print(repr(e.__context__), e.__context__.__context__)

data = [3, 8, 1, 9, 4]
print([y for x in data if (y := x * 3) > 10], y)
totals = [total := 0] + [total := total + n for n in data]
print(totals, total)


def inner_scope():
    values = [(last := v) for v in range(4)]
    return values, last


print(inner_scope())
print({k: (seen := k.upper()) for k in "ab"}, seen)

for a, b in [([1], (1,)), ((1, 2), [1, 2]), ([], ())]:
    try:
        print(a < b)
    except TypeError as e:
        print("TypeError:", e)
print([1, 2] < [1, 3], (1, 2) < (1, 3), [1] == (1,))

for make in [lambda: {[1]: 2}, lambda: {(1, [2]): 3}, lambda: {k: 1 for k in [[1]]}, lambda: {**[1]}]:
    try:
        print(make())
    except TypeError as e:
        print("TypeError:", e)

for thing in [5, "abc", None, [1]]:
    try:
        thing()
    except TypeError as e:
        print("TypeError:", e)

for target in [1, "s", [1], (1,)]:
    try:
        target.extra = 1
    except AttributeError as e:
        print("AttributeError:", e)
