# The error class and words PyTorch gives a dtype it has no kernel for (NotImplementedError,
# a RuntimeError, for mean/std/var/softmax of integers and bitwise ops on floats), ~ on a float
# tensor (TypeError), a float used as an index (IndexError), int32 indices where PyTorch takes
# them, where() with a non-bool condition, and float()/int()/"%f" of a many-element tensor.
import torch
import torch.nn.functional as F


def attempt(f):
    try:
        r = f()
        print("ok", r)
    except Exception as e:
        print(type(e).__name__ + ":", e)


a = torch.tensor([1, 2, 3])
b = torch.tensor([True, False])
i32 = torch.tensor([0, 2], dtype=torch.int32)
f = torch.tensor([1.5, 2.5, 3.5])
attempt(lambda: torch.mean(a))
attempt(lambda: torch.mean(i32, 0))
attempt(lambda: torch.std(a))
attempt(lambda: torch.var(b))
attempt(lambda: F.softmax(i32, dim=0))
attempt(lambda: F.log_softmax(b, dim=0))
attempt(lambda: torch.log_softmax(a, 0))
attempt(lambda: a[1.5])
attempt(lambda: a[None, 2.0])
attempt(lambda: a["x"])
attempt(lambda: ~f)
attempt(lambda: f.bitwise_not())
attempt(lambda: torch.bitwise_not(b))
attempt(lambda: torch.bitwise_and(a, 6))
attempt(lambda: torch.bitwise_or(f, f))
attempt(lambda: f ^ f)
attempt(lambda: f & 1)
attempt(lambda: f | f)
attempt(lambda: f.index_select(0, i32))
attempt(lambda: f.index_select(0, i32.float()))
attempt(lambda: torch.index_select(f, 0, torch.tensor([[0]])))
attempt(lambda: f.gather(0, i32))
attempt(lambda: f.gather(0, i32.float()))
attempt(lambda: torch.zeros(3).scatter(0, i32, f))
attempt(lambda: torch.zeros(3).scatter_(0, i32.float(), 1.0))
attempt(lambda: torch.zeros(3).scatter_add(0, i32, f))
attempt(lambda: torch.zeros(3).scatter_add(0, i32.float(), f))
attempt(lambda: torch.zeros(3).index_add(0, i32, f[:2]))
attempt(lambda: torch.zeros(3).index_add(0, i32.float(), f[:2]))
attempt(lambda: torch.zeros(3).index_copy(0, i32, f[:2]))
attempt(lambda: torch.zeros(3).index_fill(0, i32, 1))
attempt(lambda: f.take(i32))
attempt(lambda: torch.where(torch.tensor([1, 0, 1]), f, 0.0))
attempt(lambda: torch.where(torch.tensor([1.0, 0.0, 1.0]), f, f))
attempt(lambda: torch.where(a > 1, f, 0.0))
attempt(lambda: torch.where(torch.tensor([1, 0, 2])))
attempt(lambda: float(torch.tensor([1.0, 2.0])))
attempt(lambda: int(torch.tensor([], dtype=torch.int64)))
attempt(lambda: int(torch.tensor([[3.9]])))
attempt(lambda: "%.2f" % torch.tensor([1.5, 2.5]))
attempt(lambda: "%.2f" % torch.tensor([1.5]))
attempt(lambda: "%d" % torch.tensor(3.7))
attempt(lambda: f"{torch.nn.Parameter(torch.tensor(2.5)):.2f}")
attempt(lambda: f"{torch.tensor(2.5):.2f}")
attempt(lambda: torch.tensor([[1, 2]]).item())
