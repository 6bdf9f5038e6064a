# Advanced indexing: index tensors of any shape, several index lists broadcast together, where
# PyTorch puts their block of dims, and the from-scratch cross-entropy idiom logp[range(n), y].
import torch
x = torch.arange(60.).view(3, 4, 5)
print(x[[0, 1], :, [1, 2]])                  # lists apart: their block goes first
print(x[:, [0, 1], [1, 2]])                  # lists side by side: in their place
print(x[[0, 1], 0, [1, 2]])                  # an int between lists is applied first
print(x[0, :, [1, 2]].shape, x[:, [[0], [1]], [1, 2]].shape, x[[0, 1], None, [1, 2]].shape)
print(x[torch.tensor([[0, 1], [2, 0]])].shape, x[..., [0, 1]].shape, x[[0, 2], 1:3, None].shape)

emb = torch.arange(20.).view(10, 2)
ids = torch.tensor([[1, 2, 4], [4, 3, 9]])
print(emb[ids])

logits = torch.tensor([[1.0, 2.0, 0.5], [0.1, 0.2, 3.0], [2.0, -1.0, 0.0], [0.3, 0.3, 0.3]], requires_grad=True)
y = torch.tensor([2, 0, 1, 1])
picked = logits.log_softmax(dim=1)[range(4), y]
loss = -picked.mean()
loss.backward()
print(picked, loss)
print(logits.grad)

z = torch.zeros(3, 4)
z[[0, 2], [1, 3]] = 7
z[torch.tensor([[1]]), torch.tensor([0, 2])] = torch.tensor([1., 2.])
z[[0, 1], :] += 1
print(z)

# A boolean mask among other indices stands for its nonzero() coordinates, one list per mask dim.
w = torch.arange(24.).view(2, 3, 4)
keep = torch.tensor([True, False, True])
print(w[:, keep, 1:3], w[torch.tensor([[True, False, True], [False, False, True]]), 1], w[1, keep])
v = torch.zeros(3, 4, requires_grad=True)
(v[:, torch.tensor([True, False, True, True])] * 2).sum().backward()
print(v.grad)
for index in [(slice(None), torch.tensor([True, False])), (torch.tensor([True, False]), 0), ([0, 1], [0, 1, 2]), ([0, 5],)]:
    try:
        print(w[0][index])
    except IndexError as e:
        print("IndexError:", e)
s = slice(1, 4, 2)
print(s, slice(3), s.start, s.stop, s.step, slice(3).start, slice(None, 2).step, w[0, 0][s], [10, 11, 12, 13, 14][s])
