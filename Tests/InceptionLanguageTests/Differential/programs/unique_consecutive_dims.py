# unique_consecutive: a NaN equals nothing (each stays), and runs of equal slices along a dim
import torch

n = float('nan')
print(torch.unique_consecutive(torch.tensor([n, n, 1., 1., n])))
print(torch.unique_consecutive(torch.tensor([1., n, n]), return_counts=True))
x = torch.tensor([[1, 1, 2], [1, 1, 2], [3, 3, 3]])
print(torch.unique_consecutive(x, dim=0))
print(torch.unique_consecutive(x, dim=1, return_inverse=True, return_counts=True))
print(torch.unique_consecutive(x, dim=-1, return_counts=True))
print(x.unique_consecutive(return_inverse=True))
print(torch.unique_consecutive(torch.tensor([[n], [n]]), dim=0))
# run-length encoding of a label sequence
labels = torch.tensor([0, 0, 0, 2, 2, 1, 1, 1, 1, 0])
values, counts = torch.unique_consecutive(labels, return_counts=True)
print(list(zip(values.tolist(), counts.tolist())))
frames = torch.tensor([[0., 1.], [0., 1.], [2., 2.], [0., 1.]])
print(torch.unique_consecutive(frames, dim=0, return_counts=True))
