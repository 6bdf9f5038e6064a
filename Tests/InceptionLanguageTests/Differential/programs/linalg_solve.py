import torch
A = torch.tensor([[4.0, 7.0, 1.0], [2.0, 6.0, 3.0], [1.0, 5.0, 9.0]])
b = torch.tensor([1.0, 2.0, 3.0])
x = torch.linalg.solve(A, b)
print(x, A @ x)
B = torch.randn(3, 2)
print(torch.linalg.solve(A, B))
# batched, with gradients
A = (torch.randn(2, 4, 4) + 4 * torch.eye(4)).requires_grad_()
B = torch.randn(2, 4, 3, requires_grad=True)
X = torch.linalg.solve(A, B)
print(X, X.grad_fn.name())
(X * torch.arange(24.0).reshape(2, 4, 3)).sum().backward()
print(A.grad)
print(B.grad)
v = torch.randn(2, 4, requires_grad=True)
y = torch.linalg.solve(A.detach(), v)
print(y.shape, y)
y.sum().backward()
print(v.grad)
# a least-squares fit through the normal equations
torch.manual_seed(1)
F = torch.randn(20, 3); t = F @ torch.tensor([0.5, -1.0, 2.0]) + 0.01 * torch.randn(20)
print(torch.linalg.solve(F.T @ F, F.T @ t))
for bad in [lambda: torch.linalg.solve(torch.zeros(2, 2), torch.ones(2)), lambda: torch.linalg.solve(torch.randn(2, 2), torch.ones(3)),
            lambda: torch.linalg.solve(torch.randn(2, 3), torch.ones(2))]:
    try: bad()
    except RuntimeError as e: print(type(e).__name__ in ('RuntimeError', '_LinAlgError'), e)
