# PyTorch's own "Tensors" and "Automatic differentiation" tutorials (pytorch.org/tutorials,
# beginner basics), as written there but for printing grad_fn by name (its repr holds an address):
# out= arguments, @ of a vector and a matrix and its gradient, retain_graph.
import torch

torch.manual_seed(0)
data = [[1, 2], [3, 4]]
x_data = torch.tensor(data)
x_ones = torch.ones_like(x_data)
print(f"Ones Tensor: \n {x_ones} \n")
x_rand = torch.rand_like(x_data, dtype=torch.float)
print(f"Random Tensor: \n {x_rand} \n")
shape = (2, 3,)
print(torch.rand(shape), torch.ones(shape), torch.zeros(shape))
tensor = torch.ones(4, 4)
print(f"First row: {tensor[0]}")
print(f"First column: {tensor[:, 0]}")
print(f"Last column: {tensor[..., -1]}")
tensor[:, 1] = 0
print(torch.cat([tensor, tensor, tensor], dim=1))
y1 = tensor @ tensor.T
y2 = tensor.matmul(tensor.T)
y3 = torch.rand_like(y1)
print(torch.matmul(tensor, tensor.T, out=y3) is y3, torch.equal(y1, y3), torch.equal(y1, y2))
z3 = torch.rand_like(tensor)
torch.mul(tensor, tensor, out=z3)
print(z3)
agg = tensor.sum()
print(agg.item(), type(agg.item()))
tensor.add_(5)
print(tensor)

x = torch.ones(5)
y = torch.zeros(3)
w = torch.randn(5, 3, requires_grad=True)
b = torch.randn(3, requires_grad=True)
z = torch.matmul(x, w) + b
loss = torch.nn.functional.binary_cross_entropy_with_logits(z, y)
print(f"Gradient function for z = {z.grad_fn.name()}")
print(f"Gradient function for loss = {loss.grad_fn.name()}")
loss.backward()
print(w.grad)
print(b.grad)
with torch.no_grad():
    z = torch.matmul(x, w) + b
print(z.requires_grad, z.detach().requires_grad)
inp = torch.eye(4, 5, requires_grad=True)
out = (inp + 1).pow(2).t()
out.backward(torch.ones_like(out), retain_graph=True)
print(f"First call\n{inp.grad}")
out.backward(torch.ones_like(out), retain_graph=True)
print(f"\nSecond call\n{inp.grad}")
inp.grad.zero_()
out.backward(torch.ones_like(out), retain_graph=True)
print(f"\nCall after zeroing gradients\n{inp.grad}")

# the other products of vectors and matrices, their gradients and grad_fn names
m = torch.randn(3, 5, requires_grad=True)
v = torch.randn(5, requires_grad=True)
for r in [x @ w, m @ v, v @ v]:
    g = torch.autograd.grad(r.sum(), [p for p in (w, m, v) if p.requires_grad], allow_unused=True)
    print(r.grad_fn.name(), r.shape, [None if t is None else t.sum().item() for t in g])
try:
    torch.mul(v, 2, out=torch.zeros(5))
except RuntimeError as e:
    print("RuntimeError:", e)
