# Tensor methods that are a torch function with the tensor first (outer, inner, dist, addmm, …),
# and those that reorder or rename: where, type_as, moveaxis, bitwise_*.
import torch
torch.manual_seed(0)
a = torch.randn(3); b = torch.randn(4)
x = torch.randn(2, 3, requires_grad=True)
print(a.outer(b).shape, a.inner(a), a.dist(torch.zeros(3)), x.where(x > 0, torch.zeros(2, 3)))
m = torch.randn(2, 2)
print(torch.zeros(2, 2).addmm(m, m), m.logdet() if m.det() > 0 else m.det(), m.slogdet())
i = torch.tensor([1, 2, 3])
print(i.type_as(torch.zeros(1)), torch.tensor([1.7]).type_as(i), x.moveaxis(0, 1).shape, x.ndimension(), x.positive() is x, x.is_complex(), x.get_device())
print(i.bitwise_and(2), i.bitwise_or(4), i.bitwise_xor(i), i.bitwise_not(), torch.tensor([True, False]).bitwise_not())
print(torch.tensor([-1.0, 0.2, 0.7]).hardshrink(0.5), torch.randn(2, 3, 4).baddbmm(torch.randn(2, 3, 5), torch.randn(2, 5, 4)).shape)
y = x.where(x > 0, 0.0).sum(); y.backward(); print(x.grad)
