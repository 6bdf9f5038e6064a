# F.pad in its four modes, negative (cropping) amounts, and the gradients each sends back.
import torch
import torch.nn.functional as F
x = torch.arange(12.0).reshape(1, 1, 3, 4)
print(F.pad(x, (1, 1)))
print(F.pad(x, (1, 2, 0, 1), value=-1.0))
print(F.pad(x, (-1, 0, 1, 0)))
print(F.pad(x, (2, 1, 1, 2), mode="reflect"))
print(F.pad(x, (2, 1, 1, 2), mode="replicate"))
print(F.pad(x, (1, 1, 1, 1), mode="circular"))
print(F.pad(torch.ones(2, 3), (0, 0, 1, 1)).shape)
w = torch.arange(6.0).reshape(1, 1, 2, 3).requires_grad_()
for mode in ["constant", "reflect", "replicate", "circular"]:
    y = F.pad(w, (1, 1, 1, 1), mode=mode)
    (y * torch.arange(y.numel()).reshape(y.shape).float()).sum().backward()
    print(mode, y.grad_fn.name(), w.grad.tolist())
    w.grad = None
try:
    F.pad(x, (4, 0), mode="reflect")
except RuntimeError as e:
    print("refused")
print(F.pad(torch.ones(3, dtype=torch.long), (1, 1)))
