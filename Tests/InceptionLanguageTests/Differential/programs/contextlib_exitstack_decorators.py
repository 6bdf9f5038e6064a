# contextlib's managers as decorators and on methods, ExitStack, and a for loop that lets go
# of the generator it made (closed there: its finally runs before the next statement).
import contextlib
from contextlib import ExitStack, contextmanager

class Trainer:
    def __init__(self):
        self.depth = 0
    @contextmanager
    def nested(self, label):
        self.depth += 1
        print("in", label, self.depth)
        yield self
        self.depth -= 1
        print("out", label, self.depth)

t = Trainer()
with t.nested("x") as tt:
    with tt.nested("y"):
        pass
print(t.depth)

@contextmanager
def announce():
    print("start")
    yield
    print("stop")

@announce()
def work(n):
    print("working", n)
    return n * 2

print(work(3))
print(work(4))

def gen():
    try:
        yield 1
        yield 2
    finally:
        print("cleanup")

for x in gen():
    print(x)
    break
print("after loop")
cm = announce()
print(type(cm).__name__)
with contextlib.ExitStack() as stack:
    stack.enter_context(announce())
    print("in stack")

@contextmanager
def res(n):
    print("open", n)
    try:
        yield n * 10
    finally:
        print("close", n)

with ExitStack() as stack:
    values = [stack.enter_context(res(i)) for i in range(3)]
    stack.callback(print, "callback ran", 7)
    print("values", values)

try:
    with ExitStack() as stack:
        stack.enter_context(res(1))
        stack.enter_context(contextlib.suppress(KeyError))
        raise KeyError("x")
except KeyError:
    print("not here")
print("suppressed inside the stack")

s = ExitStack()
s.enter_context(res(5))
s.close()
print("closed by hand")
try:
    with 5:
        pass
except TypeError as e:
    print("TypeError:", e)
