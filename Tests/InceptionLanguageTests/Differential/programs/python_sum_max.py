import torch
t = torch.tensor([3.0, 1.0, 2.0])
print(sum(t), max(t), min(t))
m = torch.tensor([[1.0, 2.0], [3.0, 4.0]])
print(sum(m))
print(len(m), [r.tolist() for r in m])
