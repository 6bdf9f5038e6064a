# Sizes, shapes and dims read as PyTorch's argument parser reads an int list: separate ints or one
# tuple/list, its TypeErrors word for word (a float size, a bool first, a size given twice), a
# bool or a one-element integer tensor taken as an int, and the negative sizes' RuntimeErrors.
import torch
x = torch.arange(6.)
y = x.view(2, 3)
cases = [
    "torch.zeros(2.5)", "torch.ones(2, 3.0)", "torch.zeros(True)", "torch.zeros(None)", "torch.zeros('a')", "torch.zeros((True, 2))",
    "torch.zeros(True, 2)", "torch.zeros(2, True)", "torch.zeros((2, True))", "torch.zeros(torch.tensor(3))", "torch.zeros(torch.tensor([3]))",
    "torch.zeros(2, torch.tensor(3))", "torch.zeros(torch.tensor(3.0))", "torch.zeros(2, torch.tensor(3.0))", "torch.zeros(torch.tensor([3, 2]))",
    "torch.zeros(2, '3')", "torch.zeros([2, None])", "torch.zeros(2, (3,))", "torch.zeros((2,), 3)", "torch.zeros(2.0, 3)", "torch.zeros(2, 3, 4.0)",
    "torch.zeros(size=[2, 3.0])", "torch.zeros(size=2.0)", "torch.zeros(size=(True,))", "torch.zeros(size=torch.Size([2]))", "torch.zeros(3, size=(2,))",
    "torch.zeros(())", "torch.zeros([])", "torch.zeros(1e3)",
    "torch.ones(2.0, 3)", "torch.empty(2.0)", "torch.empty((2, 3.0))", "torch.rand(2.0)", "torch.rand(2.0, 3)", "torch.rand((2.0, 3))", "torch.randn(2.0)",
    "torch.randn(2.0, 3)", "torch.randn((2, 3.5))", "torch.randn(True)", "torch.randn(size=(2.0,))", "torch.randn(2, 3.0)",
    "torch.full((2.0,), 1)", "torch.full(2, 1)", "torch.full((2, 3.0), 1)", "torch.full(size=(2.0,), fill_value=1)",
    "x.new_zeros(2.0)", "x.new_zeros(2, 3.0)", "x.new_zeros((2.0, 3))", "x.new_zeros(2.0, 3)", "x.new_ones(True)", "x.new_ones((2, 3.0))",
    "x.view(6.0)", "x.view(2, 3.0)", "x.view((2, 3.0))", "x.view(2.0, 3)", "x.view(True)", "x.view([2.0, 3])", "x.view(size=(2, 3))",
    "x.view(size=(2.0, 3))", "x.view(torch.tensor(2), 3)", "x.view(-1.0)", 
    "x.reshape(2.0, 3)", "x.reshape(6.0)", "x.reshape(True)", "x.reshape(2, True)", "x.reshape([2.0])", "x.reshape((2.0, 3))", "x.reshape(2, 3.0)",
    "x.reshape(shape=(2.0, 3))", "x.reshape(shape=2)", "x.reshape(shape=(2, 3))", "x.reshape(torch.tensor(6))",
    "torch.reshape(x, 2.0)", "torch.reshape(x, (2.0, 3))", "torch.reshape(x, (2, 3.0))", "torch.reshape(x, 2, 3)",
    "y.expand(2.0, 3)", "y.expand(2, 3.0)", "y.expand((2, 3.0))", "y.expand(2.0)", "y.expand((2.0, 3))", "y.expand(size=(2.0, 3))", "x.expand(torch.tensor(1), 6)",
    "x.expand(2.5, 6)", 
    "x.repeat(2.0)", "x.repeat(2, 1.5)", "x.repeat((2.0,))", "x.repeat(True)", "x.repeat(repeats=2.0)", "x.repeat(repeats=(2, 1))",
    "y.permute(0.0, 1)", "y.permute(0, 1.0)", "y.permute((0.0, 1))", "y.permute([1, 0.0])", "y.permute(dims=(1.0, 0))", "y.permute(1, False)",
    "y.permute(True, 0)", "y.permute(dims=0)", "y.permute((1, 0), 1)", "torch.permute(y, (1.0, 0))", "torch.permute(y, 1.0, 0)",
    "y.flip(0.0)", "y.flip((0, 1.0))", "y.flip(0, 1.0)", "y.flip(1.0, 0)", "y.flip(dims=0)", "torch.flip(x, 0)", "torch.flip(x, (0.0,))",
    "y.tile(2.0)", "y.tile(2, 1.0)", "y.tile((2.0, 1))", "y.tile(2.0, 1)", "torch.tile(x, (2.0,))",
    "y.sum((0, 1.0))", "y.sum((0.0, 1))", "y.mean((0, 1.0))", "y.sum(dim=(0, 1.0))", "y.amax(dim=(0, 1.0))", "y.amax(dim=1.0)", "y.var((0, 1.0))",
    "y.logsumexp(dim=(0, 1.0))", "y.squeeze((0, 1.0))", "y.sum(dim=[0, 1])", "y.sum((1, True))",
    "torch.zeros(-1)", "torch.zeros(2, -5)", "torch.ones(-1)", "torch.ones((-2,))", "torch.empty(2, -1)", "torch.rand(2, -1)", "torch.randn(-1)",
    "x.new_zeros(2, -1)", "x.new_full((-1,), 1.)", "torch.full((2, -1), 1.)",
    "x.view(-2)", "x.view(2, -3)", "x.reshape(-2, 3)", "x.view(-1, -1)", "x.reshape(-1, 0)",
]
for c in cases:
    try:
        r = eval(c)
        print(c, "->", tuple(r.shape) if isinstance(r, torch.Tensor) else r)
    except Exception as e:
        print(c, "!!", type(e).__name__, str(e).split("\n")[0])
