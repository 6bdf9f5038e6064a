# assert raises an AssertionError a program can catch, with its message as the argument
try:
    assert 1 == 2, "sizes differ"
except AssertionError as e:
    print("caught", e, type(e).__name__)
try:
    assert False
except Exception as e:
    print("caught2", repr(e))
def check(x):
    assert x.shape[0] == 2, f"got {x.shape[0]}"
    return x
import torch
try:
    check(torch.zeros(3))
except AssertionError as e:
    print("caught", str(e), e.args)
try:
    assert 0
except (ValueError, AssertionError) as e:
    print(type(e).__name__, e.args)
