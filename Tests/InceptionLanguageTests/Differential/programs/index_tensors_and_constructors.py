# a 0-d integer tensor where Python wants an int (__index__); zeros(()) and size=/dims= by name; randn's dtype and device; torch.Tensor(); unique with NaNs; integer powers; abs(); requires_grad on integers; flatten of nothing; AddmmBackward0 with a frozen bias
import torch
import torch.nn as nn
torch.manual_seed(0)
classes = ["cat", "dog", "bird"]
logits = torch.tensor([0.1, 2.0, 0.3])
pred = logits.argmax()
print(classes[pred], list(range(pred)), [0] * pred, "ab" * torch.tensor(2), torch.zeros(pred), (1, 2, 3)[torch.tensor(1)])
print(torch.ones(()), torch.zeros([]).shape, torch.zeros(size=(2, 3)).shape, torch.rand(size=(2,)).shape)
print(torch.randn(3, dtype=torch.float32), torch.randn(2, 2, device="cpu"), torch.randn(size=(2,)))
print(torch.Tensor([1, 2]), torch.Tensor(2, 3).shape, torch.Tensor(), torch.Tensor([[1.5]]).dtype)
x = torch.arange(6).reshape(2, 3)
print(torch.flip(x, dims=[0]), x.flip(dims=(1,)), x.permute(dims=(1, 0)).shape)
print(torch.unique(torch.tensor([float('nan'), 1., float('nan'), 2., 1.]), return_counts=True))
for expr in [lambda: torch.tensor([1, 2]) ** -1, lambda: torch.tensor([1, 2]).pow(-2), lambda: torch.tensor([1, 2]).requires_grad_(), lambda: torch.tensor([1, 2], requires_grad=True)]:
    try:
        print(expr())
    except RuntimeError as e:
        print("RuntimeError:", e)
print(torch.tensor([1, 2]) ** torch.tensor(-1), torch.tensor([1., 2.]) ** -1, torch.tensor([2, 3]) ** 2)
print(abs(torch.tensor([-2, 3])), abs(torch.tensor([-1.5], requires_grad=True)))
a = torch.ones(2, requires_grad=True)
print(a.flatten() is a, a.flatten(), torch.ones(2, 3).flatten(1, 1).shape)
m = nn.Linear(3, 2)
m.bias.requires_grad_(False)
print(m(torch.ones(1, 3)).grad_fn.name())
