import torch
logits = torch.tensor([[0.1, 2.0, 0.3], [1.5, 0.2, 0.1], [0.0, 0.1, 3.0], [2.0, 1.0, 0.0]])
labels = torch.tensor([1, 0, 1, 1])
pred = logits.argmax(dim=1)
print(pred, (pred == labels).sum().item(), (pred == labels).float().mean().item())
correct = (pred == labels).sum().item()
print(f"accuracy {correct / len(labels):.2%}")
