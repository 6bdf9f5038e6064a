# round(decimals=), clamp with NaN bounds, and gradients whose last bits follow PyTorch's
# formulas: a quotient's gradient to its divisor, -g * ((a / b) / b), makes F.normalize(p=1)'s
# gradient exactly zero where PyTorch's is
import torch
import torch.nn.functional as F

x = torch.tensor([1.2345, -2.5, 0.5, 1.5, 2.675, 123.456, -0.049, 0.125, 0.375])
print(torch.round(x))
print(torch.round(x, decimals=2))
print(x.round(decimals=-1), torch.round(x, decimals=-2))
y = x.clone()
y.round_(decimals=1)
print(y)
a = torch.tensor([1.26, 2.5, -0.75], requires_grad=True)
r0 = torch.round(a)
r1 = torch.round(a, decimals=1)
(r0 + r1).sum().backward()
print(a.grad, r0.grad_fn.name(), r1.grad_fn.name())
print(torch.round(torch.tensor([1, 2])))
try:
    torch.round(torch.tensor([15, 25]), decimals=-1)
except NotImplementedError as e:
    print("NotImplementedError:", e)

# a NaN bound makes every value NaN
v = torch.tensor([[-2., 0.5, 3.], [1., float('nan'), 10.]])
print(torch.clamp(v, min=float('nan')))
print(torch.clamp(v, 0, float('nan')), v.clamp_min(float('nan')), v.clamp_max(1.0))
print(torch.clamp(v, min=torch.tensor([float('nan'), 0., 0.])))
print(torch.clamp(torch.tensor([1, 5, 9]), 2, 6), torch.clamp(torch.tensor([1, 5]), min=float('nan')))

# gradients through a division by a computed norm
b = torch.tensor([[3., 4.], [1., -1.], [0.5, 0.25]], requires_grad=True)
F.normalize(b, p=1).sum().backward()
print(b.grad)
b.grad = None
(b / b.sum(dim=1, keepdim=True)).sum().backward()
print(b.grad)
torch.manual_seed(0)
p = torch.randn(4, 5, requires_grad=True)
q = torch.randn(4, 5).abs() + 0.5
q.requires_grad_()
(p / q).sum().backward()
print(p.grad)
print(q.grad)
probs = torch.softmax(torch.randn(3, 4), dim=1).requires_grad_()
(probs / probs.sum(1, keepdim=True)).mul(torch.arange(4.)).sum().backward()
print(probs.grad)
