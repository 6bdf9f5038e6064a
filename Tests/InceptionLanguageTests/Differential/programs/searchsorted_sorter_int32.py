# searchsorted with sorter=, bucketize / searchsorted with out_int32=True, their shape error's
# text, one_hot of an empty tensor without num_classes, and a NaN value placed after every boundary
import torch
import torch.nn.functional as F

def show(f):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__ + ":", e)

seq = torch.tensor([5, 1, 3])
order = torch.argsort(seq)
print(torch.searchsorted(seq, torch.tensor([2, 4, 6, 0]), sorter=order))
print(torch.searchsorted(seq, torch.tensor([3, 5]), sorter=order, side='right'))
rows = torch.tensor([[5., 1., 3.], [2., 9., 4.]])
print(torch.searchsorted(rows, torch.tensor([[2., 4.], [3., 10.]]), sorter=torch.argsort(rows, dim=1), right=True))
edges = torch.tensor([1.0, 3.0, 5.0])
ids = torch.bucketize(torch.tensor([0.5, 3.0, 10.0]), edges, out_int32=True, right=True)
print(ids, ids.dtype)
print(torch.searchsorted(edges, torch.tensor([[2.0], [4.0]]).squeeze(1), out_int32=True))
ages = torch.tensor([3., 17., 18., 40., 65., 90.])
bins = torch.tensor([0., 18., 65.])
print(torch.bucketize(ages, bins), torch.bucketize(ages, bins, right=True))
show(lambda: torch.searchsorted(torch.tensor([1, 2, 3]), torch.tensor([2]), sorter=torch.tensor([0, 1])))
show(lambda: torch.searchsorted(torch.tensor([[1, 3, 5], [2, 4, 6]]), torch.tensor([3, 6])))
show(lambda: F.one_hot(torch.tensor([], dtype=torch.long)))
print(F.one_hot(torch.tensor([], dtype=torch.long), 3).shape)
n, inf = float('nan'), float('inf')
print(torch.bucketize(torch.tensor([n, inf, -inf, 0.5]), torch.tensor([0., 1.])))
print(torch.bucketize(torch.tensor([n, 1.0]), torch.tensor([0., 1.]), right=True))
print(torch.searchsorted(torch.tensor([1., 2., n]), torch.tensor([n, 1.5, 2.0])))
print(torch.searchsorted(torch.tensor([1., 2., n]), torch.tensor([n, 2.0]), side='right'))
