# repeat_interleave with a tensor of counts (per slice, or one value), the single-argument form,
# PyTorch's grad_fn for an int count (ViewBackward0) and for counts (IndexSelectBackward0)
import torch
x = torch.tensor([[1.0, 2.0], [3.0, 4.0]], requires_grad=True)
y = x.repeat_interleave(torch.tensor([1, 2]), dim=0)
print(y, torch.repeat_interleave(torch.tensor([1, 2]), torch.tensor([1, 3])), x.repeat_interleave(2), x.repeat_interleave(torch.tensor(2), dim=1))
y.sum().backward(); print(x.grad)
print(torch.tensor([5, 6, 7]).repeat_interleave(torch.tensor([0, 2, 1])))
try:
    x.repeat_interleave(torch.tensor([1, 2, 3]), dim=0)
except RuntimeError as e:
    print("RuntimeError", e)
z = torch.ones(2, 2, requires_grad=True)
print(z.repeat_interleave(2, dim=0).grad_fn.name(), z.repeat_interleave(torch.tensor([1, 2]), dim=1).grad_fn.name())
print(torch.repeat_interleave(torch.tensor([1, 3, 0, 2])), torch.repeat_interleave(torch.tensor([], dtype=torch.long)))
