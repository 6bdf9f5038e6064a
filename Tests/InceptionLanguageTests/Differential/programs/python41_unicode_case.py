# str case mappings work on code points as Python's do: full mappings (ß → SS), the final
# sigma, title case letters (ǅ), casefold; and the is…() tests by Unicode category.
words = ["ΟΔΟΣ", "ΟΔΟΣ ΟΔΟΣ.", "Σ", "AΣ", "AΣb", "ΑΣ'Β", "ΌΣΟΣ", "Σ1", "1Σ", "AΣΣ", "ΣΑΣ ΣΑΣ"]
for w in words:
    print(repr(w), w.lower(), w.casefold(), w.title(), w.capitalize(), w.swapcase())
for w in ["ß", "Straße", "ǅ", "ǆa", "Ǆemal", "ﬁ", "ﬃx", "İ", "ŉ", "ΐ", "ǰ", "ﬀ", "Ａbc", "ⅻ", "ⓐ", "ꭰ"]:
    print(repr(w), w.upper(), w.lower(), w.title(), w.capitalize(), w.swapcase(), w.casefold())
print("Straße".casefold() == "STRASSE".casefold(), "ΣΑΣ".casefold(), "İstanbul".lower())
print("hello world".title(), "they're bill's".title(), "ABC def".swapcase(), "aBc".capitalize(), "1st place".title())
for w in ["ǈ", "Ǉ", "ß", "ª", "ABC", "AbC", "Ab Cd", "ǅemal", "a1", "A1 B", "", "1", "ΣΑΣ", "ς"]:
    print(repr(w), w.isupper(), w.islower(), w.istitle())
for w in ["٣", "²", "½", "Ⅻ", "12", "١٢٣", "é", "e\u0301", "ab1", "x²", "", " \t", "ab c"]:
    print(repr(w), w.isdigit(), w.isdecimal(), w.isnumeric(), w.isalpha(), w.isalnum(), w.isspace())
