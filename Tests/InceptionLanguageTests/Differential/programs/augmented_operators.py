# every augmented assignment, the shift operators, and what changes in place: a list, a dict,
# a tensor (so every name for it sees the change) against numbers and tuples (rebound)
import torch

a = [1]; b = a
a += [2]; a += (3, 4); a += range(2)
print(b)
c = [0, 1]; e = c
c *= 2
print(e)
t = (1,); u = t
t += (2,)
print(t, u)
n = 17
n //= 3; print(n)
n **= 2; print(n)
n %= 7; print(n)
n <<= 3; print(n)
n >>= 1; print(n)
n |= 1; n &= 13; n ^= 5; print(n)
print(1 << 10, -17 >> 2, 5 & 3 << 1, 1 + 2 << 3, True << 2, 1 << 62, -1 >> 100)
d = {"a": 1}; g = d
d |= {"b": 2}
print(g, d | {"a": 0, "c": 3}, {"x": 1} | d)
m = torch.tensor([True, False, True]); k = m
m &= torch.tensor([True, True, False]); print(k)
m |= torch.tensor([False, True, False]); print(k)
m ^= torch.tensor([True, True, True]); print(k)
i = torch.tensor([1, 2, 8])
print(i << 2, i >> 1, i << torch.tensor([1, 0, 2]), 1 << i)
j = i
i <<= 1
print(j)
x = torch.ones(2, 2); w = x
x @= torch.eye(2) * 2
print(x, w)
y = torch.arange(6.0); z = y
y //= 4; print(z)
y **= 2; print(z)
y %= 3; print(z)
f = 2.5
f //= 1; print(f)
f = 7.0
f %= 2.5; print(f)
try:
    1 << -1
except ValueError as err:
    print("ValueError", err)
try:
    torch.ones(2) << 1
except Exception as err:
    print(type(err).__name__)
