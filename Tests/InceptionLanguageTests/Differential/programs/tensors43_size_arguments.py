"""tensors43: a size, shape or dims left out is PyTorch's TypeError where a program writes the
call (x.reshape(), torch.zeros(), x.new_zeros(), torch.randn()), and F.linear takes a vector
weight (matmul's mv or dot) with ATen's checks and messages for the fused addmm it runs."""
import torch
import torch.nn.functional as F

x = torch.arange(6.).reshape(2, 3)
cases = [
    "x.reshape()", "x.view()", "x.permute()", "x.repeat()", "x.expand()", "x.flip()", "x.tile()",
    "torch.zeros()", "torch.ones()", "torch.empty()", "torch.randn()", "torch.rand()",
    "torch.reshape(x)", "torch.permute(x)", "torch.flip(x)", "torch.tile(x)", "x.new_zeros()", "x.new_ones()", "x.new_empty()",
    "x.reshape(*[])", "torch.zeros(*())", "torch.zeros(dtype=torch.long)",
    "x.reshape(()).shape if False else x[:1, :1].reshape(())", "x.sum().view(())", "torch.zeros(()).shape", "torch.zeros([])",
    "x.permute(0, 1, 2)", "x.logsumexp((0, 1))",
    "x.reshape(-1, -1)", "x.view(-2, 3)", "x.reshape(4, -1)", "x.reshape(torch.Size([3, 2])).shape", "x.view([6]).shape",
]
for c in cases:
    try:
        r = eval(c)
        print(c, "->", r)
    except Exception as e:
        print(c, "!!", type(e).__name__, str(e).split("\n")[0])

w1 = torch.tensor([1., 2., 3.])
W = torch.ones(4, 3)
linear = [
    "F.linear(x, w1)", "F.linear(w1, w1)", "F.linear(x.unsqueeze(0), w1)", "F.linear(w1, w1, torch.tensor(1.))",
    "F.linear(x, w1, torch.tensor(1.))", "F.linear(x, w1, torch.zeros(2))", "F.linear(w1, w1, torch.zeros(1))",
    "F.linear(w1, W)", "F.linear(x, W, torch.zeros(4))", "F.linear(x, W, torch.zeros(2, 4))", "F.linear(x, W, torch.zeros(1))",
    "F.linear(x, W, torch.zeros(3))", "F.linear(x, W, torch.zeros(2, 2, 4))", "F.linear(x, torch.ones(4, 2))", "F.linear(x, torch.ones(4, 2), torch.zeros(4))",
    "F.linear(x, torch.ones(2, 2, 3))", "F.linear(x, torch.ones(3, 4))", "F.linear(torch.tensor(2.), w1)", "F.linear(x, torch.tensor(2.))",
    "F.linear(x.unsqueeze(0), W).shape", "F.linear(x.unsqueeze(0), W, torch.zeros(4)).shape", "F.linear(x, W.long())", "F.linear(x.long(), W)",
    "F.linear(x, W, 1.0)", "F.linear(x)", "F.linear(x, 2)", "F.linear(input=x, weight=W).shape",
]
for c in linear:
    try:
        r = eval(c)
        print(c, "->", r)
    except Exception as e:
        print(c, "!!", type(e).__name__, str(e).split("\n")[0])

wg = torch.tensor([1., -1., 2.], requires_grad=True)
out = F.linear(x, wg)
print(out.grad_fn.name())
out.sum().backward()
print(wg.grad)
wg.grad = None
F.linear(w1, wg).backward()
print(wg.grad)
