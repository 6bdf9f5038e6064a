# Python semantics: what a try's else block raises passes the try's except clauses; float() reads Python's number text (1_000.5, inf, nan; not hex), int() its underscores
def run(fail_in_else):
    try:
        try:
            x = 1
        except KeyError:
            print("inner handler ran")
        else:
            if fail_in_else:
                raise KeyError("from else")
            print("else ran")
        finally:
            print("finally ran")
    except KeyError as e:
        print("outer caught", repr(e))
run(False)
run(True)
def else_return():
    try:
        pass
    except ValueError:
        return "handler"
    else:
        return "else"
print(else_return())
for i in range(3):
    try:
        if i == 1:
            raise ValueError(i)
    except ValueError:
        print("caught", i)
        continue
    else:
        print("no error", i)
def attempt(label, f):
    try:
        print(label, "->", f())
    except Exception as e:
        print(label, type(e).__name__, e)
for text in ["1_000.5", "1_0e1_0", " 2.5 ", "1.", ".5", "-.5e-3", "inf", "-Infinity", "NaN", "+nan", "1__0", "_1", "1_", "0x1p3", "1e", ".", "", "1.5.2", "١٢", "1_000", "1e+5"]:
    attempt(repr(text), lambda: float(text))
attempt("int_", lambda: int("1_000"))
attempt("int neg min", lambda: int("-9223372036854775808"))
attempt("int max", lambda: int("9223372036854775807"))
attempt("int bad", lambda: int("12a"))
attempt("int hex", lambda: int("ff", 16))
