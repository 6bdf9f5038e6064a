# Comparisons as CPython makes them: numbers exactly (NaN unordered, ints past 2**53 as ints,
# an int against a float exactly), sequences by their first unequal pair, dicts not orderable;
# pow with a modulus (a negative exponent is the modular inverse); bools as indices.
nan = float("nan")
print("nan order:", nan <= 1, nan >= 1, 1 <= nan, nan < 1, nan == nan, nan != nan)
print("big ints:", 2**53 + 1 > 2**53, 2**53 + 1 == 2**53, 2**60 + 1 <= 2**60, 2**62 - 1 < 2**62)
print("int vs float:", 2**53 + 1 == float(2**53), 9007199254740993 < 9007199254740992.0, 2.5 > 2, -2.5 < -2, 1e300 > 2**62, -1e300 < -2**62)
print("sequences:", (1, nan) < (1, 2), (1, nan) <= (1, 2), [1, 2] < [1, 3], [1] < [1, 0], (2,) > (1, 9), [1, 2] <= [1, 2])
print("sorted tuples:", sorted([(2, "b"), (1, "z"), (2, "a"), (1,)]))
for left, right in [({}, {}), ({1: 2}, {1: 3}), ([1], (1,)), (range(2), range(3))]:
    try:
        left < right
    except TypeError as e:
        print("TypeError:", e)
print("pow:", pow(3, -1, 7), pow(2, 3, -5), pow(-2, 3, 5), pow(38, -1, 97), pow(5, 0, 1), pow(2, 100, 10**9 + 7), pow(True, 2, 3), pow(7, -2, 10))
for args in [(2, 3, 0), (2.0, 3, 5), (2, -1, 4), (2, 0.5, 3)]:
    try:
        pow(*args)
    except (ValueError, TypeError) as e:
        print(type(e).__name__ + ":", e)
a, s, t = [10, 20], "xy", (5, 6)
print("bool index:", a[True], a[False], s[True], t[True], s[False:True], a[True:])
a[True] = 99
print("after a[True] = 99:", a)
try:
    u, v = 5
except TypeError as e:
    print("TypeError:", e)
try:
    "%z" % 1
except ValueError as e:
    print("ValueError:", e)
