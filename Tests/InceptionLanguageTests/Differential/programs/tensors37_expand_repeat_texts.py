# expand, repeat, torch.broadcast_shapes, matmul of a 0-d tensor and cat / stack of a non-sequence refused with PyTorch's texts; torch.concatenate; -1 in a new leading dim,
# fewer sizes than dims (the legacy type and sizes named), a negative size, a negative repeat
# (the result's size named), and broadcast_shapes naming the argument and the dim that clash
import torch


def p(f):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, e)

x = torch.tensor([[1], [2], [3]])
p(lambda: x.expand(-1, 4))
p(lambda: x.expand(2, -1, 4).shape)
p(lambda: x.expand(-1, -1, 4))
p(lambda: x.expand(3))
p(lambda: x.float().expand(3))
p(lambda: torch.ones(2, dtype=torch.bool).expand(-1, -1))
p(lambda: x.expand(-2, 4))
p(lambda: x.repeat(-1, 1))
p(lambda: x.repeat(2, -2))
p(lambda: x.repeat(0, -1))
p(lambda: x.repeat(0, 1))
p(lambda: torch.broadcast_shapes((3, 1), (4,)))
p(lambda: torch.broadcast_shapes((3, 2), (4,)))
p(lambda: torch.broadcast_shapes((3, 2), (2,), (5, 1, 1), (4, 1)))
p(lambda: torch.broadcast_shapes((2, 3), (3, 3)))
p(lambda: torch.broadcast_shapes((2,), (3,)))
p(lambda: torch.broadcast_shapes((1,), (2, 1), (1, 1, 3)))
p(lambda: torch.broadcast_shapes(5, (1, 5)))
p(lambda: torch.tensor(2.0) @ torch.tensor(3.0))
p(lambda: torch.randn(3) @ torch.tensor(3.0))
p(lambda: torch.matmul(torch.tensor(1.0), torch.ones(2, 2)))
p(lambda: torch.cat(torch.ones(2)))
p(lambda: torch.stack(5))
p(lambda: torch.concatenate([torch.ones(1), torch.zeros(1)]))
