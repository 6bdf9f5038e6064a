# Python semantics: float repr (no exponent from 1e-4 up to 1e16: 9876543210987654.0; checked as text too), // % and divmod of floats as CPython's float_divmod (1.0 // 0.1 is 9.0), ** errors (OverflowError (34, ...), 0.0 to a negative power), %#06x, octal and \N{NAME} escapes
def attempt(label, f):
    try:
        print(label, "->", f())
    except Exception as e:
        print(label, type(e).__name__, e, e.args)
vals = [9876543210987654.0, 1e16 - 2, 1e16, 1.5e16, 123456789012345678.0, 0.0001, 0.00012345, 0.00001, 1.5e-5, 1e-7, 5e-324,
        1.7976931348623157e308, 0.1, 2.5, 100.0, 1e15, 123456.789, -0.0, 0.0, -1e-5, -9876543210987654.0, 1e22, 2.0 ** 60, 3.14e-10]
for v in vals:
    print(v, repr(v), str(v), "e" in repr(v), len(repr(v)))
print([1e16, 9876543210987654.0], (1e-5,), {"a": 1e16})
print(f"{9876543210987654.0}", "{}".format(1e16), str(1e16))
print(1.0 // 0.1, divmod(1.0, 0.1), 1.0 % 0.1)
print(repr(1.0 // 0.1), repr(-1.0 // 0.1), repr(7.5 // -2), repr(-7.5 % 2), repr(7.5 % -2), repr(0.0 % -3), repr(-0.0 // 5))
print(divmod(-7.5, 2), divmod(7, -2.0), divmod(1e300, 1e-300)[1], 5.0 // 0.5, 0.3 // 0.1, 0.3 % 0.1)
attempt("10.0**400", lambda: 10.0 ** 400)
attempt("10**400.0", lambda: 10 ** 400.0)
attempt("2.0**-2000", lambda: 2.0 ** -2000)
attempt("0.0**-1", lambda: 0.0 ** -1)
attempt("0**-1", lambda: 0 ** -1)
attempt("(-8.0)**2", lambda: (-8.0) ** 2)
attempt("(-8)**-1", lambda: (-8) ** -1)
attempt("pow mod", lambda: pow(2, 100, 7))
attempt("inf**2", lambda: float("inf") ** 2)
print("%#06x" % 255, "%#08o" % 8, "%#x" % 255, "%#X" % 255, "%#6x|" % 255, "%-#8x|" % 255, "%#06x" % -255, "%+#06x" % 255)
print(format(255, "#06x"), f"{255:#010b}", f"{8:#o}")
print("\101", "\1010", "\0", len("\0"), "\x41\102\7" == "AB\a", "\777" == "\u01ff", "a\12b")
print("\N{GREEK SMALL LETTER ALPHA}", len("\N{BULLET}"), "\N{bullet}" == "\u2022", f"\N{BULLET} {1+1}\x41\101", u"plain", "\u00e9\U0001F600")
x = 3
print(f"a\tb\\{x}\n", f"{x}\101", "tab\there", 'it\'s', "q\"q", "back\\slash", "\q" == "\\q")
