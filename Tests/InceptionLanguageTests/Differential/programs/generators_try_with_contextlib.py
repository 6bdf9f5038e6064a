# Generators that yield inside try / except / else / finally, with blocks and a loop's else,
# stepped as Python steps them; contextlib's contextmanager, nullcontext, suppress and closing.
import contextlib
from contextlib import contextmanager, nullcontext, suppress
import torch
import torch.nn as nn

log = []

@contextmanager
def tag(name):
    print("enter", name)
    try:
        yield name.upper()
    finally:
        print("exit", name)

with tag("a") as t:
    print("body", t)

with tag("outer") as o, tag("inner") as i:
    print("both", o, i)

try:
    with tag("failing"):
        print("about to fail")
        raise ValueError("inside")
except ValueError as e:
    print("caught outside:", e)

@contextmanager
def swallow(kind):
    try:
        yield
    except kind as e:
        print("swallowed", type(e).__name__, e)

with swallow(ZeroDivisionError):
    print(1 / 0)
print("after swallow")

try:
    with swallow(KeyError):
        [][3]
except IndexError as e:
    print("not swallowed:", e)

@contextmanager
def translate():
    try:
        yield
    except KeyError as e:
        raise ValueError("missing key " + str(e))

try:
    with translate():
        {}["k"]
except ValueError as e:
    print("translated:", e, type(e.__context__).__name__)

@contextmanager
def evaluating(model):
    was_training = model.training
    model.eval()
    try:
        yield model
    finally:
        model.train(was_training)

torch.manual_seed(0)
net = nn.Sequential(nn.Linear(3, 2), nn.Dropout(0.5))
print("training before", net.training)
with evaluating(net) as m, torch.no_grad():
    print("inside", m.training, torch.is_grad_enabled())
    print(net(torch.ones(1, 3)).shape)
print("training after", net.training, torch.is_grad_enabled())

@contextmanager
def never_yields():
    if False:
        yield

try:
    with never_yields():
        pass
except RuntimeError as e:
    print("RuntimeError:", e)

@contextmanager
def yields_twice():
    yield 1
    yield 2

try:
    with yields_twice():
        pass
except RuntimeError as e:
    print("RuntimeError:", e)

with nullcontext() as nothing:
    print("nullcontext gives", nothing)
with nullcontext(42) as v:
    print("nullcontext(42) gives", v)
use_amp = False
ctx = torch.autocast("cpu") if use_amp else nullcontext()
with ctx:
    print("ran under", type(ctx).__name__)

with suppress(KeyError, IndexError):
    print("before")
    {}["nope"]
    print("never")
print("suppressed")
with contextlib.suppress(ZeroDivisionError):
    x = 1 / 0
try:
    with suppress(KeyError):
        int("x")
except ValueError as e:
    print("suppress let through:", e)

class Resource:
    def __init__(self, name):
        self.name = name
    def close(self):
        print("closed", self.name)

with contextlib.closing(Resource("r1")) as r:
    print("using", r.name)

# generators: try/finally, close(), yields in handlers and else blocks
def numbers():
    try:
        for i in range(3):
            print("  producing", i)
            yield i
    finally:
        print("  numbers cleanup")

for n in numbers():
    print("got", n)

g = numbers()
print(next(g))
g.close()
print("after close:", next(g, "exhausted"))

fresh = numbers()
fresh.close()
print("closed before start:", list(fresh))

def safe_div(pairs):
    for a, b in pairs:
        try:
            yield a / b
        except ZeroDivisionError:
            print("  zero for", a)
            yield float("inf")
        else:
            print("  fine", a, b)
        finally:
            print("  done", a)

for q in safe_div([(1, 2), (3, 0), (4, 4)]):
    print("q =", q)

def with_manager():
    with tag("gen") as name:
        yield name
        yield name + "!"
    yield "outside"

print(list(with_manager()))
w = with_manager()
print(next(w))
print("consumer between")
print(next(w))
print(next(w))

def search(items, target):
    for i, item in enumerate(items):
        if item == target:
            yield "found at %d" % i
            break
    else:
        yield "not found"
    yield "end"

print(list(search([3, 4, 5], 4)), list(search([3], 9)))

def loop_else_plain(n):
    for i in range(n):
        pass
    else:
        yield "loop finished %d" % n

print(list(loop_else_plain(2)))

def returns_in_try():
    try:
        yield 1
        return
        yield 2
    finally:
        print("  finally after return")

print(list(returns_in_try()))

def watches_exit():
    try:
        yield "first"
        yield "second"
    except GeneratorExit:
        print("  GeneratorExit seen")
        raise

e = watches_exit()
print(next(e))
e.close()

def broad_except():
    try:
        yield 1
    except Exception:
        print("  never: GeneratorExit is not an Exception")
    finally:
        print("  broad finally")

b = broad_except()
next(b)
b.close()

def stubborn():
    try:
        yield 1
    except GeneratorExit:
        yield 2

s = stubborn()
next(s)
try:
    s.close()
except RuntimeError as err:
    print("RuntimeError:", err)

def reraises():
    try:
        yield 1
        raise KeyError("k")
    except KeyError:
        print("  handling")
        yield 2
        raise

r = reraises()
print(next(r), next(r))
try:
    next(r)
except KeyError as err:
    print("re-raised", repr(err))

def error_passes_through():
    try:
        yield 1
        yield 1 / 0
    finally:
        print("  cleanup before the error leaves")

try:
    for v in error_passes_through():
        print("v", v)
except ZeroDivisionError as err:
    print("consumer caught:", err)

def batches(data, size):
    while True:
        try:
            chunk = data[:size]
            if not chunk:
                return
            yield torch.tensor(chunk)
        finally:
            data = data[size:]

for batch in batches([1.0, 2.0, 3.0, 4.0, 5.0], 2):
    print(batch)

# a loop lets go of the generator its own expression made: closed there, inner first
def inner():
    try:
        yield 1
        yield 2
    finally:
        print("  inner closed")

def outer_gen():
    for v in inner():
        yield v
        break
    print("  outer goes on")
    yield from inner()

print(list(outer_gen()))

def delegating():
    yield from inner()

d = delegating()
print(next(d))
d.close()
print("after delegating close")

def stubborn_loop():
    while True:
        try:
            yield 1
        except GeneratorExit:
            print("  ignoring exit")

for v in stubborn_loop():
    print("v", v)
    break
print("loop left; the RuntimeError of the ignored exit is dropped, as Python drops it")

def cleans_with_loop():
    try:
        yield 1
    finally:
        for _ in range(2):
            pass
        print("  cleaned")

found = None
for v in cleans_with_loop():
    found = v
    break
else:
    print("never: the loop broke")
print("found", found)
