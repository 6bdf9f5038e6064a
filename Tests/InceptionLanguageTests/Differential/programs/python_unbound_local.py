# Python semantics: a name a function assigns is local to its whole body: reading it first is an UnboundLocalError (total += v, a branch not taken, del), global/nonlocal and comprehensions keep their scopes
total = 0
def add(v):
    total += v
try:
    add(1)
except UnboundLocalError as e:
    print("UnboundLocalError", e)
def read_then_assign():
    print(total)
    total = 5
try:
    read_then_assign()
except NameError as e:
    print(type(e).__name__, e)
def g(flag):
    if flag:
        z = 1
    return z
print(g(True))
try:
    g(False)
except UnboundLocalError as e:
    print(type(e).__name__, e)
def uses_global():
    global total
    total += 10
    return total
print(uses_global(), total)
def counter():
    count = 0
    def inc():
        nonlocal count
        count += 1
        return count
    inc(); inc()
    return count
print(counter())
def loop_var():
    for i in range(3):
        pass
    return i
print(loop_var())
def shadow_len(xs):
    n = len(xs)
    return n
print(shadow_len([1, 2]))
def deleted():
    x = 1
    del x
    return x
try:
    deleted()
except UnboundLocalError as e:
    print(type(e).__name__, e)
def reads_global_only():
    return total * 2
print(reads_global_only())
def closure_late():
    def inner():
        return later
    try:
        inner()
    except NameError as e:
        print(type(e).__name__, e)
    later = 3
    return inner()
print(closure_late())
def cond_import(flag):
    if flag:
        import math
    return math.pi
try:
    cond_import(False)
except UnboundLocalError as e:
    print(type(e).__name__, e)
print([x * 2 for x in range(3)])
def comp_then_local():
    ys = [y for y in range(3)]
    y = 10
    return ys, y
print(comp_then_local())
