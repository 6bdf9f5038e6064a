# addmm_, baddbmm_ and cumprod_ in place, and PyTorch's texts for mv's shapes, addmm's dtypes, heaviside's,
# meshgrid's indexing, and logsumexp requiring its dim
import torch

M = torch.tensor([[1., 2.], [3., 4.]])
a = torch.tensor([[1., 0., 2.], [0., 1., 1.]])
b = torch.tensor([[1., 1.], [2., 0.], [0., 3.]])
y = M.clone()
r = y.addmm_(a, b, beta=0.5, alpha=2)
print(y, r is y)
B = torch.arange(8.).reshape(2, 2, 2)
z = torch.ones(2, 2, 2)
z.baddbmm_(B, B)
print(z)
c = torch.tensor([[1, 2, 3], [2, 0, 4]])
c.cumprod_(1)
print(c)
f = torch.tensor([1.5, -2., 0.5])
f.cumprod_(dim=0)
print(f)
w = torch.tensor([[1., 2.], [3., 4.]], requires_grad=True)
h = w * 1.0
h.addmm_(torch.eye(2), torch.ones(2, 2))
h.sum().backward()
print(h, w.grad)

def show(fn):
    try:
        print(fn())
    except Exception as e:
        print(type(e).__name__ + ":", e)

show(lambda: torch.mv(torch.ones(2, 3), torch.ones(2)))
show(lambda: torch.mv(torch.ones(2, 3), torch.ones(3, 1)))
show(lambda: torch.mv(torch.ones(2, 3), torch.ones(3)))
show(lambda: torch.meshgrid(torch.arange(2), torch.arange(3), indexing='yx'))
show(lambda: torch.ones(2, 3).logsumexp((0, 1)))
f2, i2 = torch.ones(2, 2), torch.ones(2, 2, dtype=torch.long)
for args in [(f2, i2, i2), (f2, f2, i2), (f2, i2, f2), (i2, f2, f2), (i2, f2, i2)]:
    show(lambda: torch.addmm(*args))
print(torch.addmm(i2, i2, i2))
show(lambda: torch.heaviside(torch.tensor([1, 0]), torch.tensor(0.5)))
