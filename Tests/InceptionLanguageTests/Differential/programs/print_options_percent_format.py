import torch
import torch.nn as nn
import torch.nn.functional as F
# torch.set_printoptions (precision, sci_mode, profile, threshold, edgeitems) and printf-style '%' string formatting
torch.set_printoptions(precision=2)
print(torch.randn(3), torch.tensor([1.23456]), torch.tensor([1e-6, 1.0]))
torch.set_printoptions(sci_mode=False)
print(torch.tensor([1e-6, 1.0]), torch.tensor([123456789.0, 1.0]))
torch.set_printoptions(profile="short")
print(torch.arange(2000.))
torch.set_printoptions(threshold=5, edgeitems=1)
print(torch.arange(10))
torch.set_printoptions(profile="default")
print(torch.arange(10.) / 3)

x = 3.14159; n = 42
print("%.2f" % x, "%d items" % n, "%5d|%-5d|%05d" % (n, n, n), "%s and %r" % ("a", "a"), "%x %X %o %#x" % (255, 255, 8, 255))
print("loss: %.4f, acc: %.1f%%" % (0.12345, 97.5), "%(name)s is %(age)d" % {"name": "Bo", "age": 3}, "%e %g %G" % (12345.678, 0.0001, 1e20))
print("%+d % d %+.1f" % (5, 5, -2.0), "%10.3s|" % "abcdef", "%c" % 65, "%i" % 3.9, "%s" % [1, 2], "%s" % (1,))

for s in ["%d" % 1.5, "%5s" % True, "%.0f" % 2.5, "%.0f" % 3.5, "%3%" if False else "x"]:
    print(s)
try:
    print("%d %d" % (1,))
except TypeError as e:
    print("TypeError", e)
try:
    print("%d" % (1, 2))
except TypeError as e:
    print("TypeError", e)
try:
    print("%d" % "a")
except TypeError as e:
    print("TypeError", e)
