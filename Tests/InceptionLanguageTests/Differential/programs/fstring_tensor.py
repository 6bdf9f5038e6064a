import torch
x = torch.tensor([1.0, 2.0, 4.0])
print(f"{x.mean():.3f} {x.sum():.1f} {x.max().item():.0f}")
print(f"{x.std():.4f}")
