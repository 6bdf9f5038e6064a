# % formatting, str.format fields and conversions, format specs, str methods, empty substrings
print("%5.2f %d %s %r %%" % (3.14159, 42, "hi", "hi"))
print("%(name)s is %(age)d" % {"name": "bob", "age": 7})
print("%-6s|%6s|" % ("ab", "cd"))
print("%05d %+d % d" % (42, 5, 7))
print("%x %X %o %#x %#o" % (255, 255, 8, 255, 8))
print("%e %E %g %G" % (12345.678, 0.000123, 1e-5, 1e20))
print("%.3e %10.4f %-10.2f|" % (1234.5, 2.5, 3.25))
print("%s" % [1, 2])
print("%s %s" % ((1, 2), "x"))
print("%c%c" % (65, "b"))
print("%r" % {"a": 'q"'})
print("%.2s" % "hello")
print("%*d|%-*d|" % (5, 1, 4, 2))
print("%i %u" % (3, 4))
print("%d" % 3.9)
print("%s" % None)
print("%5s|" % True)
print("%d" % True)
print("%.0f %.0f %.0f" % (0.5, 1.5, 2.5))
try:
    print("%d %d" % (1,))
except Exception as e:
    print(type(e).__name__, e)
try:
    print("%d" % (1, 2))
except Exception as e:
    print(type(e).__name__, e)
try:
    print("%d" % "x")
except Exception as e:
    print(type(e).__name__, e)
try:
    print("%z" % 1)
except Exception as e:
    print(type(e).__name__, e)
try:
    print("%(a)s" % {"b": 1})
except Exception as e:
    print(type(e).__name__, repr(e))
print("%s" % (1,))
print("%.3g|%10.3g|%-10.3g|" % (3.14159, 2.0, 1e-7))
print("%f" % float("inf"), "%f" % float("nan"), "%e" % -float("inf"))
print("%08.3f" % -3.14159)
print("%+.2e" % 0.0)
print('%s and %s' % ('a', 'b'))
b = "%s=%d"
print(b % ("x", 1))
print("%%d" % ())
print("{0[1]} {1}".format([5, 6], "x"))
class P:
    def __init__(self):
        self.b = 9
        self.c = [1, 2]
print("{a.b} {a.c[0]}".format(a=P()))
print("{!r} {!s} {!a}".format("hi", "hi", "hé"))
print("{:>{w}}|".format("ab", w=6))
print("{:{fill}^{w}}|".format("ab", fill="*", w=8))
print("{0:.{1}f}".format(3.14159, 2))
print("{} {}".format(1, 2), "{1} {0}".format(1, 2))
print("{d[key]}".format(d={"key": 3}))
print("{{}} {}".format(5))
print("{:,}".format(1234567), "{:_}".format(1234567), "{:,.2f}".format(1234567.891))
print(format(255, "b"), format(255, "x"), format(255, "o"), format(255, "#b"), format(255, "#X"))
print(format(1234.5, "e"), format(1234.5, ".2e"), format(0.00012, "g"), format(123456789.0, "g"))
print(format(0.256, "%"), format(0.256, ".1%"), format(1, "%"))
print(format(12, "08b"), format(-12, "08b"), format(-255, "x"), format(-255, "#x"))
print(format(3, "+"), format(3, " "), format(-3, " "))
print(format(1e16), format(1e-5), format(1.0), format(100.0, "g"), format(1e100, ".3g"))
print(format(1234567, "_x"), format(0xdeadbeef, "_x"), format(10**10, ","))
print(format("abc", "^9"), format("abc", "*<7"), format(5, "=+6"), format(-5, "06"))
print(format(2.5, ""), format(2.5, "10"), format(2.5, "<10") + "|")
print(format(True), format(True, "d"), format(None), format([1, 2]))
print("{:5}|{:<5}|{:>5}|".format(1, 2, "s"))
print(f"{3.0:g} {3.5:g} {1e6:g} {1e-4:g} {1e-5:g} {123456789:g}")
print(f"{0.1:.20f}")
print(f"{1/3:.3}", f"{2/3:.10}", f"{10.0:.3}", f"{12345.0:.3}")
x = 5; y = "s"
print(f"{x!r:>4} {y!r} {x=} {y=!s} {x*2=}")
print(f"{'nested'} {x:{y and 3}}")
print(f"{x:#06x} {x:c}" if False else f"{x:#06x} {65:c}")
try:
    "{0} {}".format(1, 2)
except Exception as e:
    print(type(e).__name__, e)
try:
    "{}".format()
except Exception as e:
    print(type(e).__name__, e)
try:
    "{a}".format(b=1)
except Exception as e:
    print(type(e).__name__, repr(e))
try:
    format("x", "d")
except Exception as e:
    print(type(e).__name__, e)
try:
    format(1.5, "d")
except Exception as e:
    print(type(e).__name__, e)
try:
    format(3, ".2s")
except Exception as e:
    print(type(e).__name__, e)
print(format(1.5, ".0f"), format(2.5, ".0f"), format(-0.0, ".1f"), format(-0.0))
print("{:.2f}".format(float("inf")), "{:e}".format(float("nan")))
print("{0!r:^10}|".format("a"))
print("{:n}".format(1234), "{:.3n}".format(1234.5678))
print("{:3d}|{:<3d}|".format(7, 7))
print("{:.0e}".format(12345))
print(f"{12345678.9:,.1f}", f"{-1234.5:_.2f}", f"{0.5:+.0%}")
s = "key=value=more"
print(s.partition("="), s.rpartition("="), s.partition("#"), s.rpartition("#"))
print("a b  c d".split(), "a,b,,c".split(","), "a b c d".rsplit(" ", 1), "a b c d".split(" ", 2), "a,b,c".rsplit(",", maxsplit=1))
print("  x  y  ".split(None, 1), "".split(), "".split(","), "abc".split("abc"))
print("l1\nl2\r\nl3\n".splitlines(), "l1\nl2\n".splitlines(True), "".splitlines(), "x\n\ny".splitlines())
print("42".zfill(5), "-42".zfill(5), "+7".zfill(4), "abc".zfill(2), "ab".center(7, "*"), "ab".center(6), "abc".center(6, "-"))
print("a\tbc\td".expandtabs(), "a\tb".expandtabs(4), "ab\t".expandtabs(2) + "|")
print("Straße".casefold(), "hello world".title(), "they're bill's".title(), "hello".capitalize(), "hELLO".swapcase())
print("123".isdigit(), "12a".isdigit(), "".isdigit(), "abc".isalpha(), "ab1".isalnum(), "  ".isspace(), "Ab".isupper(), "ab".islower(), "Hello World".istitle(), "½".isnumeric(), "12".isdecimal(), "x_1".isidentifier(), "1x".isidentifier())
print("abc".startswith(("x", "a")), "abc".endswith("bc"), "abc".startswith("b", 1), "hello".find("l"), "hello".rfind("l"), "hello".find("z"), "hello".index("e"))
try:
    "hello".index("z")
except Exception as e:
    print(type(e).__name__, e)
print("a-b-c".replace("-", "+", 1), "aaa".replace("a", "b"), "x".join("abc"), ",".join([]), "abc".ljust(5, ".") + "|", "abc".rjust(5) + "|")
print("  hi  ".strip(), "xxhixx".strip("x"), "hi\n".rstrip(), "www.ex.com".lstrip("w."), "prefix_name".removeprefix("prefix_"), "name.py".removesuffix(".py"))
print("%s" % "abc".encode if False else "", "abc".upper(), "ABC".lower(), "abc" * 0, "a" in "abc", "" in "abc", "ab" not in "abc")
print(ord("a"), chr(97), chr(0x263A), ord("€"), "é".upper(), len("héllo"))
print(str(123), str(1.5), str([1, "a"]), str((1,)), str({"a": [1]}), repr("it's"), repr('say "hi"'), repr("both ' and \""), repr("tab\there"), repr("new\nline"), repr("back\\slash"))
print(["it's", 'q"', "x"], {"k'": ("v\"",)}, ("\n",))
print("abc".translate(str.maketrans("ab", "xy")), "hello".count("l"), "hello"[1:3], "hello"[-1], "a,b".split(",", -1))
print("{} {}".format("a", "b").upper(), "Hello"[::-1].lower(), " ".join(reversed("a b c".split())))
print("ab" < "b", "Z" < "a", "abc" == "abc", sorted(["b", "A", "a", "B"]), max("apple", "banana"))
print("tab\tsep".split("\t"), "a  b".split(" "), "1.2.3".split(".", 0))
print("abc".find("c", -1), "abcabc".rindex("b"), "hello world".count("o", 5), "title Case".istitle())
print(str(None), str(True), str(), "".join(map(str, [1, 2, 3])), "-".join("abc"))
print("x".__len__() if False else 1, "abc".__contains__("b") if False else True)
print(f"{'a':>3}{'b':<3}|", "%-3s%3s|" % ("a", "b"))
print("é".encode("utf-8") if False else "", "abc".isascii(), "ab\u00e9".isascii())
print("Hello World Foo".split(" ", -1), "a\tb\nc d".split(), "  lead".split(" "))
print("hello world".title(), "HELLO".title(), "o'neil mc-donald 3rd".title())
print("" in "abc", "" in "", "abc".find(""), "abc".rfind(""), "abc".index(""), "abc".count(""), "".count(""))
print("abc".startswith(""), "abc".endswith(""), "abc".replace("", "-"), "abc".find("", 2), "abc".find("", 5))
try:
    "abc".split("")
except Exception as e:
    print(type(e).__name__, e)
print("abc".partition("b"), "aXbXc".count("X"), "aaaa".count("aa"), "aaaa".replace("aa", "b"), "abc".removeprefix(""))
print("".join([]), "abc".strip(""), "abc".lstrip(), "aaa".find("a", 1), "aaa".rfind("a", 0, 2))
try:
    "abc".partition("")
except Exception as e:
    print(type(e).__name__, e)
try:
    "a".join([1, 2])
except Exception as e:
    print(type(e).__name__, e)
try:
    "a" + 1
except Exception as e:
    print(type(e).__name__, e)
try:
    1 + "a"
except Exception as e:
    print(type(e).__name__, e)
try:
    "a" * "b"
except Exception as e:
    print(type(e).__name__, e)
try:
    "abc"[0] = "x"
except Exception as e:
    print(type(e).__name__, e)
try:
    int("")
except Exception as e:
    print(type(e).__name__, e)
try:
    ord("ab")
except Exception as e:
    print(type(e).__name__, e)
try:
    "x".center(5, "ab")
except Exception as e:
    print(type(e).__name__, e)
print("abc"[1:1], "abc"[2:1], "abc"[-1:], "abc"[:0], "ab" "cd", "a\
b")
print(str.__name__, "x".upper.__name__ if False else "upper")
