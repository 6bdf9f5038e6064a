# Python semantics: eval() of an expression string (the program's globals, or the dicts given), SyntaxError and NameError from it; for a, *rest in rows; match as a plain name
x = 10
print(eval("1 + 2"), eval(" x * 2"), eval("[i * i for i in range(4)]"), eval("y + 1", {"y": 5}), eval("a - b", {"a": 9}, {"b": 4}))
try:
    eval("1 +")
except SyntaxError as e:
    print("SyntaxError")
try:
    eval("nope")
except NameError as e:
    print("NameError", e)
def inner():
    return eval("x + 1", {"x": 1})
print(inner())
rows = [(1, 2, 3), (4, 5), (6,)]
for a, *b in rows:
    print(a, b)
for *init, last in rows:
    print(init, last)
for (k, v), *rest in [((1, 2), 3, 4)]:
    print(k, v, rest)
match = 3
match += 1
print(match)
