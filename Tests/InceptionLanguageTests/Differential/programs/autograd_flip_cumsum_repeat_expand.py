# Gradients through flip, cumsum, repeat, tile, expand / expand_as / broadcast_to (they had none:
# a backward that reached them stopped), through what is built of them (take_along_dim,
# diag_embed, torch.fliplr), and atan2's gradient in PyTorch's order of operations, where two
# paths cancel exactly.
import torch

x = (torch.arange(6, dtype=torch.float32).reshape(2, 3) * 0.7 - 1.3).sin().mul(2).requires_grad_()
w = torch.tensor([0.5, -1.5, 2.0], requires_grad=True)
weights = (torch.arange(24, dtype=torch.float32) * 0.3 + 0.2).cos()

def grads(y):
    x.grad = None
    w.grad = None
    (y * weights[:y.numel()].reshape(y.shape)).sum().backward()
    return y, x.grad, w.grad

for f in [lambda: x.flip(-1), lambda: torch.flip(x * w, [0, 1]), lambda: x.cumsum(-1), lambda: (x * w).cumsum(0), lambda: torch.cumsum(x, dim=1).cumsum(0),
          lambda: x.repeat(2, 1), lambda: (x * w).repeat(1, 2, 2), lambda: w.tile(2), lambda: x.tile((2, 1)), lambda: w.expand(2, 3) * x,
          lambda: w.unsqueeze(0).expand_as(x), lambda: torch.broadcast_to(w, (4, 3)), lambda: x[:, :1].expand(-1, 4),
          lambda: torch.take_along_dim(x, torch.tensor([[2, 0], [1, 1]]), 1), lambda: torch.diag_embed(w), lambda: torch.fliplr(x),
          lambda: torch.atan2(x, x * w), lambda: torch.atan2(x * w, torch.hypot(x, w)), lambda: x.flip(1).cumsum(1).repeat(1, 2)[:, 1:4]]:
    print(*grads(f()))
print(x.cumsum(0), x.flip(0), x.repeat(1, 1), w.expand(2, 3), torch.tensor([1, 2]).cumsum(0), torch.tensor([True, False]).flip(0))
