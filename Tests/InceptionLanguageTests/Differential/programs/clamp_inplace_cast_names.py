# clamp_ with number bounds checks its cast against self.dtype(), which PyTorch prints by C++'s
# names ("long int", "int", "bool"); with a tensor bound, and for other in-place ops, by
# ScalarType's ("Long"). roll without dims takes one shift.
import torch

def attempt(label, f):
    try:
        print(label, f())
    except Exception as e:
        print(label, type(e).__name__, str(e).split("\n")[0])

for d in [torch.int64, torch.int32, torch.bool]:
    attempt(f"clamp_ {d}:", lambda: torch.zeros(2, dtype=d).clamp_(0.5, 1))
    attempt(f"clamp_ by a tensor {d}:", lambda: torch.zeros(2, dtype=d).clamp_(torch.tensor(0.5)))
    attempt(f"clamp_min_ {d}:", lambda: torch.zeros(2, dtype=d).clamp_min_(0.5))
    attempt(f"clamp_max_ {d}:", lambda: torch.zeros(2, dtype=d).clamp_max_(0.5))
    attempt(f"clip_ {d}:", lambda: torch.zeros(2, dtype=d).clip_(0.5))
    attempt(f"add_ {d}:", lambda: torch.zeros(2, dtype=d).add_(0.5))
attempt("clamp_ int bounds on long:", lambda: torch.tensor([-3, 5]).clamp_(0, 2))
attempt("roll, two shifts, no dims:", lambda: torch.arange(4).roll((1, 2)))
attempt("roll, three shifts, two dims:", lambda: torch.arange(4).view(2, 2).roll((1, 2, 3), (0, 1)))
attempt("roll, one shift, no dims:", lambda: torch.arange(4).view(2, 2).roll(1))
