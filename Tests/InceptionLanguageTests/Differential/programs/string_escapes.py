# String escapes as Python reads them (\r, \x41, \u00e9, \U0001F600, \a \b \f \v), chr / ord,
# and str.splitlines.
text = "epoch 1\r\nloss 2.31\rdone\n"
print(text.splitlines(), text.splitlines(True), "".splitlines(), "a\n\nb".splitlines())
print("\x41\u00e9\t|", len("\U0001F600"), "\a\b\f\v" == chr(7) + chr(8) + chr(12) + chr(11))
print(ord("A"), chr(955), ord("é"), [chr(ord("a") + i) for i in range(5)])
for bad in [lambda: chr(-1), lambda: ord("ab")]:
    try:
        bad()
    except (ValueError, TypeError) as e:
        print(type(e).__name__, e)
print(repr(chr(7) + chr(0x7f) + chr(0xa0) + chr(0xad) + "é\x1b" + chr(0x200b) + " λ"), [chr(0)])
print(0x1F, 0o17, 0b101, 0xFF_FF, 1_000_000, -0x10, 0X1a)
