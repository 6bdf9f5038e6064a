# matmul with broadcast batches and 1-D sides (values, gradients, grad_fn names) and its errors; broadcast errors name the dimension from the end
import torch
torch.manual_seed(0)
a = torch.randn(2, 1, 3, 4, requires_grad=True)
b = torch.randn(5, 4, 2, requires_grad=True)
y = a @ b
print(y.shape, y[1, 4])
y.sum().backward()
print(a.grad[1, 0], b.grad[3])
v = torch.randn(4, requires_grad=True)
m = torch.randn(2, 4, 5, requires_grad=True)
r = v @ m
print(r.shape, r)
(r ** 2).sum().backward()
print(v.grad, m.grad[1, 2])
w = torch.randn(2, 3, 4) @ torch.randn(4)
print(w.shape, w)
print(torch.matmul(torch.randn(3, 4), torch.randn(2, 4, 5)).shape)
for f in [lambda: torch.ones(2, 3) @ torch.ones(2, 3), lambda: torch.ones(3) @ torch.ones(2, 4, 5), lambda: torch.ones(2, 4, 5) @ torch.ones(4), lambda: torch.ones(2, 3, 4) @ torch.ones(3, 4, 2), lambda: torch.ones(2, 3) + torch.ones(3, 2)]:
    try:
        print(f().shape)
    except RuntimeError as e:
        print("RuntimeError:", e)
r=lambda *s: torch.randn(*s, requires_grad=True)
for a,b in [((4,),(2,4,5)),((2,3,4),(4,)),((2,1,3,4),(5,4,2)),((2,3,4),(4,5)),((3,4),(2,4,5)),((2,3,4),(2,4,5)),((5,4),(4,))]:
    print(a,b,(r(*a)@r(*b)).grad_fn.name())
