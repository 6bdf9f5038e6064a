# Generators as coroutines: `x = yield v` with send(), throw() caught at the yield, a generator's
# `return v` as StopIteration.value and as the value of `r = yield from g` (sends and throws
# handed on to g), and a running-average coroutine as training loops write one.
import torch


def echo():
    total = 0
    while True:
        v = yield total
        if v is None:
            break
        total += v
    return total


g = echo()
print(next(g), g.send(5), g.send(10))
try:
    g.send(None)
except StopIteration as e:
    print("StopIteration", e.value, e.args)


def inner():
    x = yield 1
    y = yield 2
    return (x, y)


def outer():
    r = yield from inner()
    print("inner returned", r)
    yield r


g = outer()
print(next(g), g.send("a"), g.send("b"))
try:
    next(g)
except StopIteration as e:
    print("done", e.value, e.args)


def thrower():
    try:
        yield 1
    except ValueError as e:
        print("caught", e)
        yield 2
    yield 3


g = thrower()
print(next(g), g.throw(ValueError("boom")), next(g))
try:
    next(g)
except StopIteration as e:
    print("stop", e.value)


def uncaught():
    yield 1


g = uncaught()
next(g)
try:
    g.throw(KeyError("k"))
except KeyError as e:
    print("KeyError propagated", e)
try:
    next(g)
except StopIteration:
    print("exhausted after throw")


def gen_return():
    yield 1
    return 42


print(list(gen_return()))
g = gen_return()
next(g)
try:
    next(g)
except StopIteration as e:
    print(e.value, repr(e), e.args)


def not_started():
    x = yield
    print("got", x)


g = not_started()
try:
    g.send(1)
except TypeError as e:
    print("TypeError:", e)
g = not_started()
print(g.send(None))
try:
    g.send("late")
except StopIteration as e:
    print("ended", e.value)


def delegate():
    yield from range(3)
    yield from [10, 11]
    r = yield from gen_return()
    yield r


print(list(delegate()))


def throw_through():
    try:
        r = yield from thrower()
        yield ("thrower returned", r)
    except Exception as e:
        print("outer caught", e)


g = throw_through()
print(next(g), g.throw(ValueError("v")), next(g), next(g))


def counter():
    i = 0
    while True:
        cmd = yield i
        if cmd == "reset":
            i = 0
        else:
            i += 1


g = counter()
print(next(g), next(g), next(g), g.send("reset"), next(g))


def zde():
    try:
        yield 1
    except ZeroDivisionError:
        yield "zde"


g = zde()
next(g)
print(g.throw(ZeroDivisionError))


def running_mean():
    # a coroutine averaging the losses it is sent
    count, mean = 0, None
    while True:
        loss = yield mean
        count += 1
        mean = loss if mean is None else mean + (loss - mean) / count


avg = running_mean()
next(avg)
for loss in torch.tensor([4.0, 2.0, 3.0, 7.0]):
    print(round(avg.send(loss.item()), 4))


def pairs():
    a, b = yield
    while True:
        a, b = yield a * b


g = pairs()
next(g)
print(g.send((2, 3)), g.send((4, 5)))


class Box:
    pass


def to_attr(box):
    box.value = yield "first"
    box.other = yield "second"


b = Box()
g = to_attr(b)
print(next(g), g.send(7))
try:
    g.send(8)
except StopIteration:
    print(b.value, b.other)


def returns_none():
    yield 1
    return


g = returns_none()
next(g)
try:
    next(g)
except StopIteration as e:
    print(e.value, e.args)
try:
    raise StopIteration(5)
except StopIteration as e:
    print(e.value)
