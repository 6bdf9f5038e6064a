import torch
r = torch.tensor([[1.0, 9.0], [4.0, 2.0]]).max(dim=1)
print(r.values, r.indices, r[0], len(r))
