import torch
import torch.nn as nn
import torch.nn.functional as F
# max/min/amax/amin gradients (ties share it evenly; along a dim it goes to the index taken),
# t(), pow/rsub/division with a number, a Linear without bias: PyTorch's grad_fn names

x = torch.tensor([[1., 3., 3.], [2., 0., 2.]], requires_grad=True)
y = x.max(); print(y); y.backward(); print(x.grad); x.grad = None
y = x.amax(1); print(y); y.sum().backward(); print(x.grad); x.grad = None
v = x.max(1); print(v.values); v[0].sum().backward(); print(x.grad); x.grad = None
m = x.min(0); print(m); m.values.sum().backward(); print(x.grad); x.grad = None
print(x.amin(), x.amin(0), torch.max(x, 1, keepdim=True).values, x.min(), torch.amax(x, dim=(0, 1)))
torch.min(x, dim=1)[0].pow(2).sum().backward(); print(x.grad)

a = torch.tensor([1., 2.], requires_grad=True)
for name, y in [('3-a', 3 - a), ('3/a', 3 / a), ('a**2', a ** 2), ('2**a', 2 ** a), ('a**t', a ** torch.tensor(2.)), ('-a', -a), ('a+3', a + 3), ('a.t()', a.reshape(1, 2).t())]:
    print(name, y, len(y.grad_fn.next_functions), [f.name() if f else None for f, _ in y.grad_fn.next_functions])
g, = torch.autograd.grad((3 / a).sum(), a); print(g)

lin = nn.Linear(3, 2, bias=False); out = lin(torch.ones(4, 3)); print(out.grad_fn.name())
lin.weight.requires_grad_(False); lin2 = nn.Linear(2, 1)
z = lin2(lin(torch.ones(1, 3))); print(z.grad_fn.name(), [f.name() if f else None for f, _ in z.grad_fn.next_functions])
