# linalg.vecdot's checks in PyTorch's order (x a float tensor, one dtype, two vectors as dot), tensordot naming dims as written.
import torch
def e(f):
    try: r = f(); print('ok', r)
    except Exception as ex: print(type(ex).__name__, str(ex).split('\n')[0])
F32, I64, B = torch.float32, torch.int64, torch.bool
for da, db in [(F32, I64), (I64, F32), (I64, I64), (B, B), (F32, B), (B, F32)]:
    e(lambda: torch.linalg.vecdot(torch.ones(3, dtype=da), torch.ones(3, dtype=db)))
for sa, sb in [((3,), (4,)), ((2,), (0,)), ((2, 3), (4,)), ((2, 3), (2, 4)), ((2, 3), (3, 3)), ((3,), (2, 3))]:
    e(lambda: torch.linalg.vecdot(torch.ones(*sa), torch.ones(*sb)))
    e(lambda: torch.linalg.vecdot(torch.ones(*sa), torch.ones(*sb), dim=0))
x = torch.arange(6.).reshape(2, 3)
e(lambda: torch.tensordot(x, x, dims=([-1], [0])))
e(lambda: torch.tensordot(x, x, dims=([1], [1])))
