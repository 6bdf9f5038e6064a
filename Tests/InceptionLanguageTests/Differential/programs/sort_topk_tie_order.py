# sort, argsort and topk place equal values as PyTorch's CPU kernels do (libstdc++'s introsort on
# (value, index) pairs; topk's partial sort or nth_element), not in index order
import torch
torch.manual_seed(0)
print((torch.arange(17) % 2).argsort())
print(torch.tensor([2., 2., 8., 0.]).topk(2).indices, torch.tensor([3, 3, 3, 3, 3]).topk(3).indices)
labels = torch.randint(0, 4, (40,))
print(labels.argsort(), labels.argsort(descending=True), labels.argsort(stable=True))
v, i = torch.sort(labels, descending=True)
print(v, i)
x = torch.randint(0, 3, (3, 25)).float()
print(x.sort(dim=1).indices, x.sort(dim=0).indices[:, :6])
print(x.topk(4, dim=1).indices, x.topk(3, dim=1, largest=False).indices)
y = torch.randint(0, 5, (300,)).float()
print(y.topk(3).indices, y.topk(5, largest=False).indices, y.topk(10, sorted=True).indices)
z = torch.tensor([1., float('nan'), 3., 1., float('nan'), 0.] * 4)
print(z.sort().indices, z.sort(descending=True).indices, z.topk(3).indices)
print(y.topk(10, sorted=False).indices, torch.randn(30).argsort())
# pack_padded_sequence(enforce_sorted=False) sorts lengths with torch.sort, ties included
from torch.nn.utils.rnn import pack_padded_sequence
lengths = torch.randint(1, 4, (24,))
packed = pack_padded_sequence(torch.randn(24, 3, 2), lengths, batch_first=True, enforce_sorted=False)
print(lengths.tolist(), packed.sorted_indices, packed.batch_sizes)
