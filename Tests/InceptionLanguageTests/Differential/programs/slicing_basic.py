import torch
x = torch.arange(24).reshape(2, 3, 4)
print(x[:1].shape, x[:, 0], x[0, :, 2:4])
print(x[-1, -1], x[..., 1], x[0, ::2])
print(x[:, None].shape, x[1:, 1:, 1:].shape)
