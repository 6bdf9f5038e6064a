# Builtins given what they do not take raise CPython's exception with its text, which a
# program can catch and print.
def attempt(label, f):
    try:
        print(label, "->", f())
    except Exception as e:
        print(label, "->", type(e).__name__ + ":", e)

attempt("reversed(set)", lambda: list(reversed({1, 2})))
attempt("reversed(map)", lambda: list(reversed(map(str, [1, 2]))))
attempt("reversed(generator)", lambda: list(reversed(x for x in [1])))
attempt("reversed(list)", lambda: list(reversed([1, 2, 3])))
attempt("reversed(dict)", lambda: list(reversed({"a": 1, "b": 2})))
attempt("reversed(range)", lambda: list(reversed(range(3))))
attempt("print(sep=1)", lambda: print("a", "b", sep=1))
attempt("print(end=[])", lambda: print("a", end=[]))
attempt("print(sep=None)", lambda: print("a", "b", sep=None))
attempt("sum of strings", lambda: sum(["a", "b"], ""))
attempt("sum of lists", lambda: sum([[1], [2]], []))
attempt("join(int)", lambda: ",".join(5))
attempt("join(ints)", lambda: ",".join([1, 2]))
attempt("pop(5)", lambda: [1, 2].pop(5))
attempt("pop(-3)", lambda: [1, 2].pop(-3))
attempt("divmod(str, int)", lambda: divmod("a", 1))
attempt("divmod(7, -2)", lambda: divmod(7, -2))
attempt("divmod(-7.5, 2)", lambda: divmod(-7.5, 2))
