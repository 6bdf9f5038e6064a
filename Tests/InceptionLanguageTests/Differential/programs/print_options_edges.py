# torch.set_printoptions at its edges: edgeitems=0 (every element summarised away, the size
# shown), sci_mode forced either way with the widths of the chosen mode, precision 0 and 10,
# a narrow linewidth wrapping rows and suffixes, the profiles, and the defaults put back.
import torch

torch.set_printoptions(edgeitems=0, threshold=3)
print(torch.arange(10))
print(torch.arange(12.0).view(3, 4))
print(torch.arange(2))
print(torch.tensor([1.5, 2.5], requires_grad=True))
torch.set_printoptions(profile="default")
print(torch.arange(10))
torch.set_printoptions(sci_mode=False)
print(torch.tensor([1e-8, 0.5, 123.0]), torch.tensor([1e10, 1.0]), torch.tensor([1.0, 20000.0]))
torch.set_printoptions(sci_mode=True)
print(torch.tensor([0.5, 2.0]), torch.tensor([2.0, 3.0]), torch.tensor([float("nan"), 2.0]), torch.tensor([1, 2]))
torch.set_printoptions(sci_mode=None, precision=0)
print(torch.tensor([1.25, 2.75, 3.5]), torch.tensor([1e-5, 3.0]))
torch.set_printoptions(precision=10)
print(torch.tensor([0.1, 1 / 3]), torch.tensor(1 / 3))
torch.set_printoptions(precision=4, linewidth=24)
print(torch.arange(12).reshape(3, 4) * 1000, torch.tensor([1.0, 2.0], requires_grad=True) * 3)
torch.set_printoptions(profile="short")
print(torch.tensor([0.12345, 0.6789]), torch.arange(2000.0))
torch.set_printoptions(profile="full")
print(torch.arange(40).view(2, 20))
torch.set_printoptions(profile="default", sci_mode=None)
print(torch.tensor([0.12345, 1e-5]), torch.arange(2000))
