# str methods and list slice assignment, as Python has them.
s = "Hello, World"
print(s.partition(", "), s.rpartition("o"), s.partition("zz"), s.rpartition("zz"), s.swapcase())
print("a,b,c".rsplit(",", 1), " a  b c ".rsplit(None, 1), "a b c".rsplit(), "x".removeprefix("x"), "abc".removesuffix("bc"))
print("they're bill's friends 3rd".title(), "A1b2".isalnum(), "ABC".isupper(), "abc1".islower(), "Hello World".istitle())
print("x_1".isidentifier(), "1x".isidentifier(), "12".isdecimal(), "abc".isascii(), "a\\n".isprintable(), "a\n".isprintable())
print("a\tbc\td".expandtabs(4), s.find("o", 5), s.rfind("o", 0, 6), s.count("l", 4), s.startswith("World", 7), s.endswith("Hello", 0, 5))
print(s.index("l", -3), s.find(""), s.rfind(""), s.count(""), s.find("", 3))
print(isinstance(True, int), isinstance(1, float), type(None).__name__, type(True).__name__)

layers = ["conv1", "pool1", "conv2", "pool2", "inception3a", "inception3b"]
layers[1:2] = []
print(layers)
layers[:0] = ["input"]
print(layers)
layers[::2] = [name.upper() for name in layers[::2]]
print(layers)
layers[-1:] = ["inception3b", "pool3"]
print(layers)
del layers[1:3]
print(layers)
del layers[::2]
print(layers)
layers[1:1] = ("a", "b")
layers[3:1] = "xy"
print(layers)
try:
    layers[::2] = [1]
except ValueError as e:
    print("ValueError:", e)
try:
    layers["a"] = 1
except TypeError as e:
    print("TypeError:", e)
