import torch
x = torch.zeros(3, 1, 4)
print(x.unsqueeze(0).shape, x.unsqueeze(-1).shape, x.squeeze().shape, x.squeeze(1).shape, x.squeeze(0).shape)
print(torch.unsqueeze(torch.ones(2), 1).shape)
