import torch
i = torch.tensor([1, 2, 3])
print(i + 1, i * 2.5, i / 2, i // 2, i % 2)
print(i.float(), (i > 1).long(), i.dtype, i.float().dtype, (i > 1).dtype)
