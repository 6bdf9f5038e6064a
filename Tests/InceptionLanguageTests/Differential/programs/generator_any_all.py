import torch
xs = [torch.tensor(1.0), torch.tensor(-1.0)]
print(any(x.item() < 0 for x in xs), all(x.item() < 0 for x in xs))
print(list(zip(range(3), "abc")), list(enumerate(["a", "b"], 1)))
