# x[True] / x[False] and 0-d bool masks among other indices (a new dim of size 1 or 0, as
# PyTorch's); the dimension an out-of-range index list names when read (its place among the
# lists) and when written (the dim); negative and zero steps refused with PyTorch's ValueError;
# scatter checks its src; mm texts; index_add_ / index_copy_ refuse negative indices
import torch


def p(f):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, e)

x = torch.arange(24).reshape(2, 3, 4)
p(lambda: x[True].shape)
p(lambda: x[False].shape)
p(lambda: x[0, True])
p(lambda: x[0, False])
p(lambda: x[:, torch.tensor(True)].shape)
p(lambda: x[:, torch.tensor(False), 1].shape)
p(lambda: x[1, True, [0, 2]])
p(lambda: x[True, 1, 2])
p(lambda: x[..., True].shape)
p(lambda: x[None, True, 0].shape)
p(lambda: x[[0, 1], True].shape)
p(lambda: x[[0, 1], :, True].shape)
y = torch.zeros(2, 3)
y[True] = 1.0
print(y)
y[0, True] = 5.0
y[1, False] = 7.0
print(y)
y[torch.tensor(True), 1] = torch.tensor([2.0, 3.0, 4.0])
print(y)
p(lambda: x[:, [5]])
p(lambda: x[:, :, [7]])
p(lambda: x[0, :, [7]])
p(lambda: x[:, 1, [9]])
p(lambda: x[[0], [5]])
p(lambda: x[[0], :, [9]])
p(lambda: x[:, [0], [-9]])
p(lambda: x[[5], [0]])
p(lambda: x[:, :, -9])
def write(index):
    def f():
        z = torch.zeros(2, 3, 4)
        z[index] = 1.0
        return z.sum()
    return f
p(write((slice(None), [5])))
p(write((slice(None), slice(None), torch.tensor([9]))))
p(write(([0], [5])))
p(lambda: x[::-1])
p(lambda: x[:, ::-2])
p(lambda: x[::0])
p(write(slice(None, None, -1)))
p(lambda: torch.zeros(3, 5).scatter(0, torch.tensor([[0, 1]]), torch.ones(1, 2, dtype=torch.long)))
p(lambda: torch.zeros(3, 5).scatter(0, torch.tensor([[0, 1, 2]]), torch.ones(1, 2)))
p(lambda: torch.zeros(3, 5).scatter(1, torch.tensor([[0, 1], [2, 4]]), torch.arange(1.0, 7.0).reshape(2, 3)))
p(lambda: torch.mm(torch.ones(3), torch.ones(3, 2)))
p(lambda: torch.mm(torch.ones(2, 3), torch.ones(3)))
p(lambda: torch.ones(2, 3).mm(torch.ones(2, 3, 1)))
# index_add_ and index_copy_ refuse negative indices (index_fill_ and index_select count from the end / refuse)
p(lambda: torch.zeros(3).index_add(0, torch.tensor([-1]), torch.ones(1)))
p(lambda: torch.zeros(3, 2).index_add(0, torch.tensor([-1]), torch.ones(1, 2)))
p(lambda: torch.zeros(3, 2).index_add(1, torch.tensor([-1]), torch.ones(3, 1)))
p(lambda: torch.zeros(3).index_copy(0, torch.tensor([-1]), torch.ones(1)))
p(lambda: torch.zeros(3, 2).index_copy(1, torch.tensor([-3]), torch.ones(3, 1)))
p(lambda: torch.zeros(3, 2).index_fill(1, torch.tensor([-1]), 1.0))
p(lambda: torch.zeros(3).index_select(0, torch.tensor([-1])))
p(lambda: torch.zeros(3, 4).select(0, 3))
