# "Transforms" tutorial's one-hot target transform: Lambda(lambda y: torch.zeros(10).scatter_(0,
# torch.tensor(y), value=1)) scatters a 0-d index into a 1-d tensor (PyTorch reads a 0-d index,
# src or self as one of shape [1]); gather likewise; scatter's shape checks in PyTorch's order and
# texts (a src with fewer dims than index is PyTorch's IndexError, not a crash)
import torch

def one_hot(y):
    return torch.zeros(10, dtype=torch.float).scatter_(0, torch.tensor(y), value=1)

labels = torch.randint(0, 10, (4,))
for y in labels:
    print(int(y), one_hot(y))
print(one_hot(3).argmax().item())

x = torch.arange(5.)
print(x.gather(0, torch.tensor(2)))
print(torch.tensor(4.).gather(0, torch.tensor([0, 0])))
print(torch.zeros(5).scatter(0, torch.tensor(3), torch.tensor(7.)))
print(torch.zeros(5).scatter(0, torch.tensor(3), torch.tensor([7., 8.])))
print(torch.tensor(4.).scatter(0, torch.tensor(0), value=2.))
print(torch.zeros(5).scatter_add(0, torch.tensor(3), torch.tensor(7.)))
print(torch.zeros(5).scatter_reduce(0, torch.tensor(3), torch.tensor(7.), reduce='sum'))
print(torch.zeros(2, 3).gather(1, torch.zeros(0, 5, dtype=torch.long)).shape)
print(torch.zeros(5).scatter(0, torch.zeros(0), torch.ones(2)))

# gradients through a 0-d scatter
w = torch.tensor([1., 2., 3., 4., 5.], requires_grad=True)
v = torch.tensor(10., requires_grad=True)
out = w.scatter(0, torch.tensor(1), v)
(out * torch.arange(1., 6.)).sum().backward()
print(out, w.grad, v.grad)

def attempt(f):
    try:
        print(f())
    except (RuntimeError, IndexError) as e:
        print(type(e).__name__, e)

z = torch.zeros(2, 3)
attempt(lambda: z.scatter(1, torch.tensor([[0, 1], [1, 0]]), torch.ones(4)))
attempt(lambda: z.scatter(1, torch.tensor([[0, 1], [1, 0]]), torch.ones(2, 1)))
attempt(lambda: z.scatter(1, torch.tensor([[0, 1], [1, 0], [2, 2]]), value=1.))
attempt(lambda: z.scatter(1, torch.tensor([0, 1]), value=1.))
attempt(lambda: z.scatter(1, torch.tensor(1), value=1.))
attempt(lambda: z.scatter(1, torch.tensor([[0]]), torch.ones(1, 1, 1)))
attempt(lambda: torch.zeros(5).scatter(0, torch.tensor([3, 1]), torch.tensor([[7., 8.]])))
attempt(lambda: torch.zeros(5).scatter(0, torch.tensor([3, 1]), torch.tensor(7.)))
attempt(lambda: torch.zeros(5).scatter(0, torch.tensor([[1]]), torch.ones(2, dtype=torch.long)))
attempt(lambda: torch.zeros(5).scatter_add(0, torch.tensor([3, 1]), torch.tensor([[7.]])))
attempt(lambda: z.gather(1, torch.tensor([[0], [1], [2]])))
attempt(lambda: z.gather(1, torch.tensor([0, 1])))
attempt(lambda: x.gather(0, torch.tensor(7)))
print(z.scatter(1, torch.tensor([[0, 1, 2, 0]]), value=1.))
print(z.scatter(1, torch.tensor([[2, 0], [1, 1]]), torch.arange(9.).view(3, 3)))
