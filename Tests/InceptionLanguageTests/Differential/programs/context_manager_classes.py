# classes as context managers: __enter__'s result bound by 'as', __exit__ after the block (also
# on return), given the exception when the block raised (a true result suppresses it); issubclass
import torch
import time
class Timer:
    def __init__(self, name):
        self.name = name
        self.log = []
    def __enter__(self):
        self.log.append("enter " + self.name)
        return self
    def __exit__(self, exc_type, exc, tb):
        self.log.append("exit " + str(exc_type is None))
        return False
with Timer("a") as t:
    t.log.append("body")
print(t.log)
class Suppress:
    def __enter__(self):
        return "entered"
    def __exit__(self, exc_type, exc, tb):
        print("exit with", exc_type.__name__ if exc_type else None, exc)
        return exc_type is not None and issubclass(exc_type, ValueError)
with Suppress() as s:
    print(s)
    raise ValueError("bad value")
print("after suppressed")
try:
    with Suppress():
        raise KeyError("k")
except KeyError as e:
    print("KeyError reached", e)
def f():
    with Timer("r") as t:
        return t
print(f().log)
class NoGrad:
    def __enter__(self):
        self.prev = torch.is_grad_enabled()
        torch.set_grad_enabled(False)
    def __exit__(self, *args):
        torch.set_grad_enabled(self.prev)
x = torch.ones(2, requires_grad=True)
with NoGrad():
    y = x * 2
print(y.requires_grad, torch.is_grad_enabled())
with Timer("a") as t1, Timer("b") as t2:
    pass
print(t1.log, t2.log)
print(issubclass(KeyError, LookupError), issubclass(bool, int), issubclass(ValueError, (TypeError, Exception)))
class Base:
    pass
class Child(Base):
    pass
print(issubclass(Child, Base), issubclass(Base, Child))
