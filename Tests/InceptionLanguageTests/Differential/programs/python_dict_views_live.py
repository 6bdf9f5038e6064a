# Python semantics: dict views are live: keys(), values() and items() taken before a change show it
d = {"a": 1}
ks = d.keys()
vs = d.values()
its = d.items()
d["b"] = 2
print(ks, len(ks), vs, its, list(ks), "b" in ks, 2 in vs)
del d["a"]
print(ks, vs, its)
ks2 = {"x": 1, "y": 2}.keys()
print(ks2, sorted(ks2))
def keys_of():
    e = {"p": 1}
    k = e.keys()
    e["q"] = 2
    return k
print(keys_of())
try:
    for k in d.keys():
        d[k + "!"] = 0
except RuntimeError as e:
    print("RuntimeError", e)
import collections
od = collections.OrderedDict(a=1)
ov = od.items()
od["z"] = 26
print(ov)
