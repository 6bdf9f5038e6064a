# The Python class each of the language's own errors is caught as: a conversion of a bad string is a
# ValueError, an operand of the wrong type a TypeError, an index past the end an IndexError, PyTorch's
# shape errors RuntimeErrors.
import torch
def attempt(f):
    try:
        f()
        print("ok")
    except (ValueError, TypeError) as e:
        print("value/type", type(e).__name__)
    except (KeyError, IndexError) as e:
        print("lookup", type(e).__name__)
    except AttributeError as e:
        print("attr")
    except NameError as e:
        print("name")
    except ZeroDivisionError:
        print("zero")
    except RuntimeError as e:
        print("runtime")
attempt(lambda: int("abc"))
attempt(lambda: float("x"))
attempt(lambda: [1, 2][5])
attempt(lambda: {"a": 1}["b"])
attempt(lambda: (1, 2).foo)
attempt(lambda: undefined_name)
attempt(lambda: 1 / 0)
attempt(lambda: 1 // 0)
attempt(lambda: "a" + 1)
attempt(lambda: torch.ones(2, 3) @ torch.ones(2, 3))
attempt(lambda: torch.ones(2).view(3))
attempt(lambda: torch.ones(2)[5])
attempt(lambda: len(5))
attempt(lambda: [1, 2].index(7))
attempt(lambda: "abc".index("z"))
attempt(lambda: torch.nn.Linear(2, 3)(torch.ones(1, 4)))
attempt(lambda: torch.tensor([1.0, 2.0]).item())
attempt(lambda: max([]))
attempt(lambda: [1, 2, 3].remove(9))
attempt(lambda: int(None))
attempt(lambda: torch.cat([torch.ones(2, 2), torch.ones(3, 3)]))
attempt(lambda: {}.pop("k"))
attempt(lambda: "x" * "y")
attempt(lambda: torch.zeros(2, 2).reshape(5))
attempt(lambda: sum(["a", "b"]))
attempt(lambda: abs("s"))
attempt(lambda: torch.ones(3).sum(dim=4))
attempt(lambda: "abc".index("z"))
attempt(lambda: torch.ones(2, 2)[0, 3])
attempt(lambda: [1, 2, 3][1:][7])
attempt(lambda: getattr(torch.ones(1), "nope"))
attempt(lambda: torch.nn.Sequential(torch.nn.ReLU())[4])
attempt(lambda: "{1}".format(0))
attempt(lambda: [].pop())
attempt(lambda: torch.ones(2).flatten(3))
print("abc".rfind("c"), "abcabc".rindex("b"), "abc".find("q"))
