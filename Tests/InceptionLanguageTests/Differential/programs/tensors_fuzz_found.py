# Found by fuzz/tensor_ops_differential.py: 0-d tensors, @ with numbers, masked_fill broadcasting, add's alpha
import torch
torch.manual_seed(0)

def show(label, f):
    try:
        r = f()
    except Exception as e:
        print(label, "raises", type(e).__name__, e)
        return
    print(label, r)

s = torch.tensor(3)
v = torch.randn(3)
i3 = torch.randint(-4, 5, (2, 3, 4))
show("roll 0-d, dim -1", lambda: s.roll(1, -1))
show("roll 0-d, dim 0", lambda: s.roll(1, 0))
show("roll 0-d, no dim", lambda: s.roll(1))
show("roll 0-d, tuples", lambda: s.roll((1,), (0,)))
show("vector @ int", lambda: v @ -3)
show("int @ vector", lambda: 2 @ v)
show("vector @ float", lambda: v @ 1.5)
show("int tensor @ int", lambda: i3 @ 2)
show("vector @ 0-d", lambda: v @ torch.tensor(2.0))
show("3-d @ 0-d", lambda: i3 @ torch.tensor(3))
show("0-d @ 0-d", lambda: torch.tensor(2.0) @ torch.tensor(2.0))

# masked_fill: the result takes the shape x and the mask broadcast to
x = torch.randn(4)
mask = torch.randn(2, 3, 4) > 0
show("masked_fill wider mask", lambda: x.masked_fill(mask, -1.5))
show("masked_fill int self, float value", lambda: torch.randint(-4, 5, (3, 1)).masked_fill(torch.randn(4) > 0, 0.5))
show("masked_fill_ wider mask", lambda: x.clone().masked_fill_(mask, 0.0))
show("masked_fill mismatched", lambda: x.masked_fill(torch.randn(3) > 0, 1.0))
w = torch.randn(1, 4, requires_grad=True)
w.masked_fill(torch.randn(3, 4) > 0, 2.0).sum().backward()
print("masked_fill grad", w.grad)

# add / sub with alpha: alpha takes no part in the dtype
a = torch.tensor([1, 2])
b = torch.tensor([True, False])
show("int add float alpha", lambda: a.add(a, alpha=0.5))
show("bool add alpha 2", lambda: b.add(b, alpha=2))
show("bool add alpha 0", lambda: b.add(b, alpha=0))
show("int add bool alpha", lambda: a.add(b, alpha=True))
show("bool sub", lambda: b.sub(b, alpha=2))
show("float add int alpha", lambda: torch.tensor([1.5]).add(a, alpha=2))
show("int add float tensor", lambda: a.add(torch.tensor([0.5]), alpha=3))
show("float add float-scaled int", lambda: torch.tensor([1.0, 1.0]).add(a, alpha=0.5))
c = torch.tensor([1, 2])
show("int add_ float alpha", lambda: c.add_(c, alpha=0.5))
d = torch.tensor([1.0, 2.0])
d.sub_(torch.tensor([1, 1]), alpha=0.25)
print("sub_", d)

# 0-d tensors where an op needs a dimension
z = torch.tensor(3.0)
show("cat 0-d", lambda: torch.cat([z, z]))
show("cat 1-d and 0-d", lambda: torch.cat([torch.ones(2), z]))
show("flip 0-d", lambda: z.flip(0))
show("flip 0-d -1", lambda: z.flip(-1))
show("flip 0-d out of range", lambda: z.flip(1))
show("movedim 0-d", lambda: z.movedim(0, 0))
show("select 0-d", lambda: z.select(0, 0))
show("split 0-d", lambda: z.split(1))
show("chunk 0-d", lambda: z.chunk(2))
show("swapaxes 0-d", lambda: z.swapaxes(0, 0))

# bool matrix products, and x.T on more than 2 dims (reverses them all)
b1 = torch.tensor([True, False])
b2 = torch.ones(2, 2).bool()
show("bool dot", lambda: b1 @ b1)
show("bool mm", lambda: b2 @ b2)
show("bool mv", lambda: b2 @ b1)
show("bool batched", lambda: torch.ones(2, 2, 2).bool() @ b2)
x3 = torch.randn(2, 3, 4)
show("3-d T", lambda: x3.T.shape)
print(torch.equal(x3.T, x3.permute(2, 1, 0)))

# the shapes are checked before the dtype, as PyTorch's kernels do
show("bool mv, shapes first", lambda: torch.ones(1, 3).bool() @ torch.ones(1).bool())
show("float ^ bool, shapes first", lambda: torch.randn(4) ^ torch.ones(3).bool())
show("float ^ bool", lambda: torch.randn(4) ^ torch.ones(4).bool())
show("fmod bool", lambda: torch.fmod(torch.tensor([True]), torch.tensor([False, True])))
show("fmod int by zero", lambda: torch.fmod(torch.tensor([1, 2]), torch.tensor([0, 1])))
show("remainder bool", lambda: torch.tensor([True]) % torch.tensor([True]))

# integers to negative integer powers (a tensor exponent): 1 and -1 keep their size, the rest give 0
e = torch.tensor([-3, -2, -1, 0, 1, 2])
for base in [0, 1, -1, 2, -2]:
    show(f"{base} ** e", lambda: base ** e)
    show(f"tensor({base}) ** e", lambda: torch.tensor(base) ** e)
show("int tensor ** -2", lambda: torch.tensor([0, 2, -2]) ** -2)
