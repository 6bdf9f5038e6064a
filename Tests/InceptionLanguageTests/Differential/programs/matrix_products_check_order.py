# addmm, baddbmm, cross and dot refuse bad operands in PyTorch 2.15's order and words (dtypes, ranks, sizes).
import torch
def e(f):
    try: r = f(); print('ok', tuple(r.shape), r.dtype)
    except Exception as ex: print(type(ex).__name__, str(ex).split('\n')[0])
F32, I64 = torch.float32, torch.int64
Z = lambda *s, d=F32: torch.zeros(*s, dtype=d)
for a, b in [((2, 3), (3,)), ((2, 3), (3, 4, 5)), ((3,), (3, 4)), ((), (3, 4)), ((2, 3), ()), ((2, 2, 3), (3, 4)), ((2, 3), (4, 5))]:
    e(lambda: torch.addmm(Z(2, 4), Z(*a), Z(*b)))
    e(lambda: torch.addmm(Z(2, 4), Z(*a, d=I64), Z(*b)))
    e(lambda: torch.addmm(Z(2, 4, d=I64), Z(*a), Z(*b)))
    e(lambda: torch.addmm(Z(2), Z(*a), Z(*b)))
for a, b in [((2, 3), (2, 3, 4)), ((2, 2, 3), (3, 4)), ((2, 2, 3), (3,)), ((), (2, 3, 4)), ((2, 2, 3), ()), ((2, 2, 3), (2, 4, 5)), ((2, 2, 3), (3, 3, 4)), ((2, 2, 3), (2, 3, 4))]:
    e(lambda: torch.baddbmm(Z(2, 2, 4), Z(*a), Z(*b)))
    e(lambda: torch.baddbmm(Z(2, 2, 4), Z(*a, d=I64), Z(*b)))
    e(lambda: torch.baddbmm(Z(3, 4), Z(*a), Z(*b)))
    e(lambda: torch.baddbmm(Z(2, 2, 5), Z(*a), Z(*b)))
for a, b in [((3,), (3,)), ((2, 3), (2, 3)), ((3,), (4,)), ((2, 3), (3,)), ((4, 3), (2, 3)), ((2, 4), (2, 4))]:
    e(lambda: torch.cross(Z(*a), Z(*b), dim=-1))
    e(lambda: torch.linalg.cross(Z(*a), Z(*b, d=I64)))
    e(lambda: torch.cross(Z(*a, d=torch.bool), Z(*b, d=torch.bool), dim=-1))
    e(lambda: torch.dot(Z(*a), Z(*b, d=I64)))
