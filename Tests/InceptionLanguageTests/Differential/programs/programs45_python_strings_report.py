names = ["conv1.weight", "conv1.bias", "bn1.running_mean", "layer1.0.conv2.weight", "fc.bias"]
print([n.rsplit(".", 1)[0] for n in names])
print([n for n in names if n.endswith(".weight")], [n.startswith(("conv", "fc")) for n in names])
print(sorted({n.split(".")[0] for n in names}), sorted({n.split(".")[-1] for n in names}))
print("layer1.0.conv2.weight".partition("."), "a,b,,c".split(","), " x y  ".split(), "A-B".lower(), "abc".title(), "hello world".capitalize())
print("conv".center(10, "*"), "7".zfill(3), "3.14".isdigit(), "42".isdigit(), "  ".isspace(), "Conv2d".isalpha(), "abc".find("c"), "abc".find("z"))
print("{:<12}|{:^8}|{:>6}".format("name", "shape", "n"))
rows = [("conv1.weight", (4, 1, 3, 3), 36), ("fc.bias", (2,), 2)]
for name, shape, n in rows:
    print("{:<12}|{:^8}|{:>6}".format(name, "x".join(map(str, shape)), n))
s = "Epoch 3/10 - loss: 0.4321 - acc: 0.8750"
parts = dict(p.split(": ") for p in s.split(" - ")[1:])
print(parts, float(parts["loss"]) * 2, int(s.split()[1].split("/")[1]))
print(s.upper().count("O"), s.index("loss"), s[6:10], s[::-1][:5], len(s), "acc" in s, s.replace(" - ", "\n").splitlines()[1])
print(repr("tab\there"), "a\\b", 'quote "x"', "line1\nline2".split("\n"), r"raw\n")
print(" ".join(f"{b:08b}" for b in [5, 255]), chr(65), ord("a"), hex(255), oct(8), bin(5), int("ff", 16), int("0b101", 2))
print("%-10s|%5d|%8.3f|%e" % ("left", 42, 3.14159, 12345.678), "%x %o %c %r" % (255, 8, 65, "s"))
print(f"{'nested ' + str(1 + 1):>12}", f"{3 + 4 = }", f"{'x'!r}", f"{{literal}}", f"{10 / 3:.3g}", f"{1_000_000:_}", f"{0.25:.0%}")
text = "the quick brown fox"
print(max(text.split(), key=len), sorted(text.split(), key=lambda w: (len(w), w)), text.split()[::-1], "".join(reversed(text))[:3])
