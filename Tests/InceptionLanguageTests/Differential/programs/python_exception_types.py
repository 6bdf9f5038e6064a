# Python semantics: the exception class builtins raise, so `except ValueError:` catches what CPython catches: unpacking counts, math domain and range errors, int(nan)/int(inf), dict() of bad pairs, str.join of non-strings, factorial, max() without arguments, round and range of the wrong type, unhashable keys, json.JSONDecodeError, "got multiple values"
import math, json

def attempt(label, f):
    try:
        r = f()
        print(label, "->", r)
    except Exception as e:
        print(label, type(e).__name__, e)

for line in ["lr=0.1", "bad line", "a=b=c"]:
    try:
        k, v = line.split("=")
        print(k, v)
    except ValueError as e:
        print("skip", line, "|", e)

def unpack3():
    a, b, c = [1, 2]
attempt("unpack3", unpack3)
def unpack_star():
    a, b, *c = [1]
attempt("unpack_star", unpack_star)
attempt("sqrt", lambda: math.sqrt(-1))
attempt("log0", lambda: math.log(0))
attempt("log-1", lambda: math.log(-1))
attempt("acos", lambda: math.acos(2))
attempt("asin", lambda: math.asin(2))
attempt("log10", lambda: math.log10(-1))
attempt("log2", lambda: math.log2(0))
attempt("intnan", lambda: int(float("nan")))
attempt("intinf", lambda: int(float("inf")))
attempt("intninf", lambda: int(float("-inf")))
attempt("roundnan", lambda: round(float("nan")))
attempt("roundinf", lambda: round(float("inf")))
attempt("dict3", lambda: dict([(1, 2, 3)]))
attempt("dict1", lambda: dict([(1,)]))
attempt("join", lambda: ",".join([1, 2]))
attempt("join2", lambda: ",".join(["a", None]))
attempt("fact", lambda: math.factorial(-1))
attempt("factf", lambda: math.factorial(1.5))
attempt("max0", lambda: max())
attempt("min0", lambda: min())
attempt("maxempty", lambda: max([]))
attempt("roundstr", lambda: round("a"))
attempt("range15", lambda: range(1.5))
attempt("rangestr", lambda: range(0, "3"))
attempt("unhash", lambda: {1: 2}[[1]])
attempt("unhashset", lambda: {[1]})
attempt("unhashin", lambda: [1] in {1: 2})
attempt("jsonbad", lambda: json.loads("{bad}"))
attempt("jsonempty", lambda: json.loads(""))
attempt("jsontrail", lambda: json.loads("[1] x"))
try:
    json.loads("{bad}")
except ValueError as e:
    print("as ValueError:", e)
try:
    json.loads("[1,")
except json.JSONDecodeError as e:
    print("as JSONDecodeError:", e, e.msg, e.pos, e.lineno, e.colno)
def f(a, b=2):
    return a + b
attempt("multi", lambda: f(1, a=2))
attempt("unexpected", lambda: f(1, c=2))
attempt("missing", lambda: f())
attempt("exp", lambda: math.exp(1000))
attempt("cosh", lambda: math.cosh(1000))
attempt("pow", lambda: math.pow(10, 400))
attempt("powdomain", lambda: math.pow(-8, 1/3))
attempt("logbase1", lambda: math.log(2, 1))
attempt("exp-inf", lambda: math.exp(float("-inf")))
attempt("floor-inf", lambda: math.floor(float("inf")))
attempt("ceil-nan", lambda: math.ceil(float("nan")))
attempt("setitem", lambda: {}.__setitem__([1], 2))
def store():
    d = {}
    d[[1, 2]] = 3
attempt("store", store)
# range() takes a 0-d integer tensor (Tensor.__index__) but not a float
import torch
print(list(range(torch.tensor(3))), list(range(1, torch.tensor(4), torch.tensor(2))))
try:
    range(torch.tensor(1.5))
except TypeError as e:
    print(type(e).__name__, e)
