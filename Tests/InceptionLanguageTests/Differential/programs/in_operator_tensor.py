import torch
x = torch.tensor([1, 2, 3])
print(2 in x, 5 in x)
print(torch.equal(x, torch.tensor([1, 2, 3])), torch.allclose(x.float(), torch.tensor([1.0, 2.0, 3.0001]), atol=1e-3))
