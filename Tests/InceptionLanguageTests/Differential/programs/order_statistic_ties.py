# kthvalue, mode and nanmedian along a dim with tied values: the index PyTorch's CPU kernels
# report (ATen's quick-select for kthvalue, std::sort for mode), not the first or last tie
import torch

x = torch.tensor([[3., 1., 2., 2.], [5., 5., 4., 0.]])
print(torch.kthvalue(x, 2))
print(torch.kthvalue(x, 3, dim=1, keepdim=True))
print(x.kthvalue(1, 0))

torch.manual_seed(0)
votes = torch.randint(0, 4, (6, 13))
print(votes)
for k in [1, 4, 7, 9, 13]:
    r = torch.kthvalue(votes, k, dim=1)
    print(k, r.values.tolist(), r.indices.tolist())

wide = torch.randint(0, 3, (5, 40)).float()
print(torch.kthvalue(wide, 20, 1).indices)
print(torch.kthvalue(wide, 1, 1).indices)
print(torch.mode(wide, 1))
print(torch.mode(wide.t(), 0).indices)
print(torch.median(wide, 1).indices)

# majority vote over an ensemble's predictions, the index of a winning vote
preds = torch.randint(0, 5, (3, 25))
winner, where = preds.mode(dim=1)
print(winner, where)

# nanmedian along a dim: NaN skipped, the lower middle value; a row of NaNs gives NaN
n = float('nan')
y = torch.tensor([[1., n, 3., 2.], [n, n, n, n], [4., 4., n, 1.]])
print(torch.nanmedian(y, dim=1))
print(y.nanmedian(0, keepdim=True))
print(torch.nanmedian(torch.tensor([[1, 3, 2, 2]]), 1))
a = torch.tensor([[2., n, 5., 1.]], requires_grad=True)
v, i = torch.nanmedian(a, 1)
v.sum().backward()
print(v, i, a.grad, v.grad_fn.name())

# NaN sorts above every number in kthvalue
z = torch.tensor([[n, 1., n, 0., 2.]])
print(torch.kthvalue(z, 4, 1), torch.kthvalue(z, 2, 1))
# integers hold no NaN: nansum is sum
print(torch.nansum(torch.tensor([[1, 2], [3, 4]]), 1), torch.nansum(torch.tensor([True, True])))
try:
    torch.nanmean(torch.tensor([1, 2]))
except NotImplementedError as e:
    print("NotImplementedError:", e)
