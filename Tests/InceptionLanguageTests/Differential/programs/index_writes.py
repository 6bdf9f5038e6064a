# Writing at indexed places: scatter_add, index_add, index_copy, index_fill (and their in-place
# twins), their gradients and PyTorch's messages. A confusion matrix by index_put-free counting.
import torch
x = torch.zeros(3, 4)
print(x.scatter_add(0, torch.tensor([[0, 1], [2, 2]]), torch.ones(2, 2)))
print(torch.scatter_add(x, 1, torch.tensor([[0, 0, 3]]), torch.ones(1, 3)))
print(x.index_add(1, torch.tensor([0, 1, 1]), torch.ones(3, 3), alpha=2))
print(torch.index_add(x, 0, torch.tensor([1]), torch.ones(1, 4)))
print(x.index_fill(1, torch.tensor([0, 3]), -1), x.index_fill(0, torch.tensor([1]), torch.tensor(2.5)))
print(x.index_copy(0, torch.tensor([2, 0]), torch.arange(8.).view(2, 4)))
print(torch.arange(6).index_fill(0, torch.tensor([-1]), 9), torch.arange(4).index_add(0, torch.tensor([0, 0]), torch.tensor([5, 6])))

# in place, and counting predictions against labels
labels = torch.tensor([0, 1, 2, 2, 1, 0])
predicted = torch.tensor([0, 2, 2, 2, 1, 1])
flat = torch.zeros(9)
flat.index_add_(0, labels * 3 + predicted, torch.ones(6))
print(flat.view(3, 3))
counts = torch.zeros(3).scatter_add_(0, labels, torch.ones(6))
print(counts)
y = torch.ones(2, 3)
y.index_fill_(1, torch.tensor([1]), 0)
y.index_copy_(0, torch.tensor([1]), torch.full((1, 3), 7.))
print(y)

# gradients
a = torch.ones(3, requires_grad=True)
s = torch.arange(3., requires_grad=True)
out = a.index_add(0, torch.tensor([0, 0, 2]), s, alpha=3)
print(out)
(out * torch.tensor([1., 2., 3.])).sum().backward()
print(a.grad, s.grad)
b = torch.ones(3, requires_grad=True)
filled = (b * 1).index_fill(0, torch.tensor([1]), 0.)
print(filled)
filled.sum().backward()
print(b.grad)
c = torch.ones(2, 3, requires_grad=True)
src = torch.ones(2, 2, requires_grad=True)
q = c.scatter_add(1, torch.tensor([[0, 0], [2, 1]]), src * 2)
print(q)
(q * torch.arange(6.).view(2, 3)).sum().backward()
print(c.grad, src.grad)
e = torch.zeros(3, 2, requires_grad=True)
f = torch.ones(2, 2, requires_grad=True)
g = e.index_copy(0, torch.tensor([2, 0]), f * 5)
print(g)
(g * torch.arange(6.).view(3, 2)).sum().backward()
print(e.grad, f.grad)

calls = [
    lambda: x.index_add(0, torch.tensor([0, 5]), torch.ones(2, 4)),
    lambda: x.index_add(0, torch.tensor([[0]]), torch.ones(1, 4)),
    lambda: x.index_add(0, torch.tensor([0, 1]), torch.ones(3, 4)),
    lambda: x.index_fill(1, torch.tensor([0, 4]), -1),
    lambda: x.index_copy(0, torch.tensor([2, 0]), torch.arange(4.).view(1, 4)),
    lambda: x.scatter_add(0, torch.tensor([[0, 5]]), torch.ones(2, 3)),
    lambda: x.scatter_add(0, torch.tensor([[0, 1]]), torch.ones(1, 1)),
    lambda: x.long().index_add(0, torch.tensor([1]), torch.ones(1, 4)),
]
for call in calls:
    try:
        print(call())
    except (RuntimeError, IndexError) as error:
        print(type(error).__name__, str(error).splitlines()[0])
