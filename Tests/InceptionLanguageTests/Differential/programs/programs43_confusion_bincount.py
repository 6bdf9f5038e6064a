# confusion matrix with torch.bincount; precision/recall/F1
import torch
torch.manual_seed(0)
num_classes = 4
y_true = torch.randint(0, num_classes, (50,))
logits = torch.randn(50, num_classes)
logits[torch.arange(50), y_true] += 1.5
y_pred = logits.argmax(dim=1)
cm = torch.bincount(y_true * num_classes + y_pred, minlength=num_classes ** 2).reshape(num_classes, num_classes)
print(cm)
print(cm.dtype, cm.sum().item())
tp = cm.diag()
fp = cm.sum(0) - tp
fn = cm.sum(1) - tp
precision = tp.float() / (tp + fp).float().clamp(min=1)
recall = tp.float() / (tp + fn).float().clamp(min=1)
f1 = 2 * precision * recall / (precision + recall + 1e-8)
print("precision", precision)
print("recall   ", recall)
print("f1       ", f1)
print(f"macro F1: {f1.mean().item():.4f}")
print(f"accuracy: {tp.sum().item() / cm.sum().item():.4f}")
support = torch.bincount(y_true, minlength=num_classes)
weighted_f1 = (f1 * support).sum() / support.sum()
print(f"weighted F1: {weighted_f1:.4f}")
print("support", support, support.tolist())
print(torch.bincount(torch.tensor([0, 1, 1, 3])))
print(torch.bincount(torch.tensor([0, 1, 1, 3]), weights=torch.tensor([0.5, 1.0, 2.0, 0.25])))
print(torch.bincount(torch.tensor([], dtype=torch.long)))
print(torch.bincount(torch.tensor([2, 2]), minlength=5))
try:
    torch.bincount(torch.tensor([-1, 2]))
except RuntimeError as e:
    print("RuntimeError:", e)
try:
    torch.bincount(torch.tensor([1.0, 2.0]))
except RuntimeError as e:
    print("RuntimeError:", e)
# row-normalized
cmn = cm.float() / cm.sum(dim=1, keepdim=True)
print(cmn.round(decimals=2))
for i, row in enumerate(cm.tolist()):
    print(f"class {i}: " + " ".join(f"{v:3d}" for v in row))
# via index_put_ accumulate
cm2 = torch.zeros(num_classes, num_classes, dtype=torch.long)
cm2.index_put_((y_true, y_pred), torch.ones_like(y_true), accumulate=True)
print(torch.equal(cm, cm2))
# via scatter_add
cm3 = torch.zeros(num_classes * num_classes, dtype=torch.long).scatter_add_(0, y_true * num_classes + y_pred, torch.ones(50, dtype=torch.long)).view(num_classes, -1)
print(torch.equal(cm, cm3))
print(torch.histc(logits.flatten(), bins=5, min=-3, max=3))
