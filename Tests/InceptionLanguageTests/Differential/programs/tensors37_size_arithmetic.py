# torch.Size joined with a tuple of ints or another Size stays a torch.Size (the attention idiom
# x.view(x.size()[:-1] + (heads, head_dim))), repeated by an int too; len() of a 0-d tensor is
# PyTorch's TypeError
import torch


def p(f):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, e)

x = torch.arange(24.0).reshape(2, 3, 4)
s = x.shape[:-1] + (2, 2)
print(s, type(s).__name__)
print(x.view(x.shape[:-1] + (2, 2)).shape)
print(x.size()[:2] + torch.Size([4]))
print((1,) + x.shape)
print(x.shape + x.shape)
print(x.shape * 2, 2 * x.size()[1:])
print(list(x.shape) + [5])
print(x.shape[1:] == (3, 4), x.shape == (2, 3, 4))
heads, head_dim = 2, 2
q = x.view(x.size()[:-1] + (heads, head_dim)).permute(0, 2, 1, 3)
print(q.shape, q[0, 1, 2])
new_shape = q.size()[:-2] + (heads * head_dim,)
print(new_shape)
shape = x.shape
shape += (1,)
print(shape, x.reshape(shape).shape)
p(lambda: x.shape + [1])
p(lambda: len(torch.tensor(3)))
p(lambda: len(torch.zeros(5, 2)))
print(x.shape.index(3), x.shape.count(2), sum(x.shape), max(x.shape), x.shape[::-1])
p(lambda: x.shape.index(7))
p(lambda: torch.Size([2.0]))
p(lambda: torch.Size([2, 'a']))
