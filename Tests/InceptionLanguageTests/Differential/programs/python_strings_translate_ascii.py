# str.maketrans / translate, format_map, ascii() and the !a conversion, raw f-strings,
# slice.indices, and the texts of int()'s errors on long inputs.
table = str.maketrans("abc", "xyz")
print(table)
print("aabbcc".translate(table), "cabbage".translate(table))
print("hello world".translate(str.maketrans("lo", "01", "h")))
print("hello".translate(str.maketrans({"h": "J", "o": None, "l": "LL"})))
print("tab\tsep".translate({ord("\t"): " -> "}), "x".translate({}))
punct = str.maketrans("", "", ",.!?")
print("Hello, world! Is it? Yes.".translate(punct))
try:
    str.maketrans("ab", "c")
except ValueError as e:
    print("ValueError:", e)
try:
    str.maketrans({"ab": 1})
except ValueError as e:
    print("ValueError:", e)
try:
    str.maketrans("ab")
except TypeError as e:
    print("TypeError:", e)

print("{name} is {age}".format_map({"name": "Ann", "age": 3}))
print("{x:>6.2f}|{y!r}".format_map({"x": 3.14159, "y": "q"}))
try:
    "{missing}".format_map({})
except KeyError as e:
    print("KeyError:", e)

print(ascii("café"), ascii("naïve ☃ 😀"), ascii([1, "é"]), ascii("plain"))
print("{!a} {!r} {!s}".format("é", "é", "é"), f"{'ü'!a}", f"{'x'!a:>6}")

path = "C"
print(rf"{path}:\new\table", fr"\d+{1 + 1}", Rf"\t{path!r}")

print(slice(1, 10, 2).indices(5), slice(None, None, -1).indices(4), slice(-3, None).indices(10), slice(2).indices(1))
s = slice(1, None, 2)
print(list(range(*s.indices(7))), "abcdefg"[s])
try:
    slice(0, 5).indices(-1)
except ValueError as e:
    print("ValueError:", e)

try:
    int("x" * 300)
except ValueError as e:
    print("ValueError:", len(str(e)), str(e)[:60])
try:
    int("1" * 5000)
except ValueError as e:
    print("ValueError:", e)
print(abs(True), abs(False), type(abs(True)).__name__)
