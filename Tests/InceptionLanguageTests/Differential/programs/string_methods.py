s = "  Inception 3a  "
print(s.strip() + "|", s.lstrip() + "|", s.rstrip() + "|", "xxhixx".strip("x"))
print("a b  c".split(), "a,b,,c".split(","), "a b c".split(None, 1), "a,b,c".split(",", 1))
print(" × ".join(["7", "7", "3"]), "conv1.weight".startswith("conv"), "aux1.fc".startswith(("aux", "x")), "w.bias".endswith("bias"))
print("inception".upper(), "ABC".lower(), "hello world".title(), "hELLO".capitalize())
print("aaa".replace("a", "b", 2), "abcabc".find("c"), "abcabc".count("bc"), "12".isdigit(), "ab".isalpha())
print("7".zfill(3), "-7".zfill(4), "ab".ljust(5) + "|", "ab".rjust(5), "[" + "ab".center(5) + "]", "[" + "abc".center(6) + "]")
print("{} params, {:.2f} M, {name}".format(9472, 6.6245, name="conv1"), "{0}{1}{0}".format("a", "b"), "{{}} {:>6}|".format(3))
print("{:,}".format(6624904))
