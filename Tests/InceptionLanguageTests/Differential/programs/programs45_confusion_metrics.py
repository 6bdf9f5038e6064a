import torch

torch.manual_seed(8)
num_classes = 4
logits = torch.randn(20, num_classes)
targets = torch.randint(0, num_classes, (20,))
preds = logits.argmax(dim=1)
print("preds  ", preds.tolist())
print("targets", targets.tolist())
cm = torch.bincount(targets * num_classes + preds, minlength=num_classes ** 2).reshape(num_classes, num_classes)
print(cm)
cm2 = torch.zeros(num_classes, num_classes, dtype=torch.long)
for t, p in zip(targets, preds):
    cm2[t, p] += 1
print(torch.equal(cm, cm2))
cm3 = torch.zeros(num_classes * num_classes, dtype=torch.long).scatter_add_(0, targets * num_classes + preds, torch.ones_like(targets))
print(torch.equal(cm3.view(num_classes, -1), cm))
tp = cm.diag()
precision = tp.float() / cm.sum(0).clamp(min=1).float()
recall = tp.float() / cm.sum(1).clamp(min=1).float()
f1 = 2 * precision * recall / (precision + recall + 1e-8)
for c in range(num_classes):
    print(f"class {c}: P={precision[c]:.3f} R={recall[c]:.3f} F1={f1[c]:.3f} support={cm[c].sum().item()}")
acc = tp.sum().item() / cm.sum().item()
print(f"accuracy {acc:.4f} macro-F1 {f1.mean():.4f}")
print("correct:", (preds == targets).sum(), (preds == targets).sum().item())
top2 = logits.topk(2, dim=1).indices
top2_acc = (top2 == targets.unsqueeze(1)).any(dim=1).float().mean()
print(f"top-2 {top2_acc.item():.2f}")
probs = logits.softmax(dim=1)
conf, _ = probs.max(dim=1)
print(conf[:4])
print(f"{probs.sum(1).mean().item():.4f}")
onehot = torch.nn.functional.one_hot(targets, num_classes)
print(onehot[:3], onehot.dtype)
per_class_acc = {c: round(((preds == c) & (targets == c)).sum().item() / max((targets == c).sum().item(), 1), 3) for c in range(num_classes)}
print(per_class_acc)
