# torch.X(t) refuses the bool and integer tensors PyTorch has no kernel for, as t.X() does
# (torch.argmax of a mask gave 0, torch.abs of one gave it back), and a floating dtype= lets it run
import torch

i = torch.tensor([1, 2, 7])
b = torch.tensor([True, False, True])
m = torch.tensor([[True, False], [True, True]])
checks = [
    ("torch.abs(b)", lambda: torch.abs(b)),
    ("torch.absolute(b)", lambda: torch.absolute(b)),
    ("torch.neg(b)", lambda: torch.neg(b)),
    ("torch.argmax(b)", lambda: torch.argmax(b)),
    ("torch.argmin(b)", lambda: torch.argmin(b)),
    ("torch.topk(b, 1)", lambda: torch.topk(b, 1)),
    ("torch.frac(i)", lambda: torch.frac(i)),
    ("torch.median(b)", lambda: torch.median(b)),
    ("torch.kthvalue(b, 1)", lambda: torch.kthvalue(b, 1)),
    ("torch.trace(m)", lambda: torch.trace(m)),
    ("m.trace()", lambda: m.trace()),
    ("torch.floor(b)", lambda: torch.floor(b)),
    ("torch.round(b)", lambda: torch.round(b)),
    ("torch.mean(i)", lambda: torch.mean(i)),
    ("torch.std(i)", lambda: torch.std(i)),
    ("torch.norm(i)", lambda: torch.norm(i)),
    ("torch.relu(b)", lambda: torch.relu(b)),
]
for text, f in checks:
    try:
        print(text, "->", f())
    except Exception as e:
        print(text, "->", type(e).__name__ + ":", e)
print(torch.mean(i, dtype=torch.float32), torch.abs(i), torch.argmax(i), torch.trace(m.long()), torch.median(i))
print(torch.argmax(b.int()), torch.topk(b.float(), 2).indices, torch.abs(-i), torch.neg(i))
