# Python's format-spec mini-language and str.format's fields, as a learner prints a layer table.
import torch

values = [0, 7, -42, 255, 1234567, 3.14159, -0.5, 1e-5, 123456.789, 12.0, 0.0, -0.0, True, "ab", float("inf"), float("nan")]
specs = ["", "x", "#06x", "o", "#b", "_", "_x", "c", "d", ",", "08,", "+d", "=+8", ".3", ".2", ".1", "g", "#.3g", "G",
         ".2E", ".0f", "#.0f", ".2%", "e", ">10.3f", "^9", "*^9", "010.2f", "s", ".1s", "z.1f", ",.2f", "010"]
for v in values:
    row = []
    for spec in specs:
        try:
            row.append(format(v, spec))
        except (ValueError, OverflowError) as e:
            row.append(type(e).__name__ + ": " + str(e))
    print(repr(v), row)

w = 8
x = 3.14159
names = ["a", "bb"]
print(f"[{x:>{w}.{2}f}] [{'hi':^{w}}] [{x!r:>{w + 4}}]")
print("{:>{}}|{:{w}.3f}|{!r}|{!s:>3}".format("ab", 5, x, "q", 5, w=9))
print("{0[1]} {1} {d[k]} {2:#x}".format(names, 2.5, 255, d={"k": "v"}))
for bad in ["{0}{}", "{}{0}", "{!x}", "{:,s}", "{-1}", "{0!}", "{0!xy}", "{7!o}", "{0!o}", "{:z}", "{:z5}"]:
    try:
        print(bad.format("v", "w"))
    except (ValueError, KeyError, IndexError) as e:
        print(type(e).__name__ + ":", e)
for v, spec in [(-7, "z"), (1e300, "#"), (12.0, "#"), (-0.0, "z.1f"), (None, ">3"), ([1], "")]:
    try:
        print(repr(format(v, spec)))
    except (ValueError, TypeError) as e:
        print(type(e).__name__ + ":", e)
print(hex(255), hex(-255), bin(5), oct(8), format(True, "^5"), format(False, "d"))

conv1 = torch.nn.Conv2d(3, 64, 7, stride=2, padding=3)
rows = [("conv1", sum(p.numel() for p in conv1.parameters()), 118013952), ("inception3a", 163696, 128446464)]
print("{:<14}{:>10}{:>16}".format("layer", "params", "mult-adds"))
for name, params, macs in rows:
    print("{:<14}{:>10,}{:>16,}".format(name, params, macs), f"{params / 1e6:6.3f}M", f"{macs:_}")
print(f"{torch.tensor(0.125):.2%}", f"{torch.tensor(7):03d}", f"{conv1.weight.shape[0]:x}")
