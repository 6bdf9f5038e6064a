# BaseException.add_note (PEP 678): notes gather in __notes__, a str each, and stay with the
# exception when it is raised again.
import torch

try:
    raise ValueError("bad")
except ValueError as e:
    e.add_note("note one")
    e.add_note("note two")
    print(e.__notes__, repr(e), str(e))

try:
    ValueError().add_note(3)
except TypeError as e:
    print("TypeError:", e)

print(hasattr(KeyError("k"), "__notes__"))


def divide():
    try:
        1 / 0
    except ZeroDivisionError as e:
        e.add_note("while computing the ratio")
        raise


try:
    divide()
except ZeroDivisionError as e:
    print(type(e).__name__, e, e.__notes__)

e = RuntimeError("x")
e.__notes__ = ["set by hand"]
e.add_note("added")
print(e.__notes__)


def check(t):
    try:
        torch.ones(2) + torch.ones(t)
    except RuntimeError as err:
        err.add_note(f"while adding a tensor of {t} elements")
        raise


for n in (2, 3):
    try:
        check(n)
        print(n, "fine")
    except RuntimeError as err:
        print(n, err.__notes__)
