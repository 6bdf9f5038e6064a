import time
import torch
import torch.nn as nn

torch.manual_seed(29)
X = torch.randn(64, 5)
w_true = torch.tensor([1.0, -2.0, 0.5, 0.0, 3.0])
y = (X @ w_true > 0).float()
model = nn.Sequential(nn.Linear(5, 8), nn.ReLU(), nn.Linear(8, 1))
criterion = nn.BCEWithLogitsLoss()
optimizer = torch.optim.Adam(model.parameters(), lr=0.02)
scheduler = torch.optim.lr_scheduler.StepLR(optimizer, step_size=3, gamma=0.5)
history = {"loss": [], "acc": [], "lr": []}
best_acc, best_state = 0.0, None
start = time.time()
for epoch in range(1, 7):
    model.train()
    epoch_loss, correct = 0.0, 0
    for i in range(0, 64, 16):
        xb, yb = X[i:i + 16], y[i:i + 16]
        logits = model(xb).squeeze(1)
        loss = criterion(logits, yb)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        epoch_loss += loss.item() * xb.size(0)
        correct += ((logits > 0).float() == yb).sum().item()
    scheduler.step()
    epoch_loss /= len(X)
    acc = correct / len(X)
    history["loss"].append(epoch_loss)
    history["acc"].append(acc)
    history["lr"].append(optimizer.param_groups[0]["lr"])
    if acc > best_acc:
        best_acc = acc
        best_state = {k: v.detach().clone() for k, v in model.state_dict().items()}
        marker = " (best)"
    else:
        marker = ""
    print(f"Epoch [{epoch}/6] loss: {epoch_loss:.4f} acc: {acc * 100:.1f}%{marker}")
elapsed = time.time() - start
print(elapsed >= 0, isinstance(elapsed, float))
print({k: [round(v, 3) for v in vs] for k, vs in history.items()})
model.load_state_dict(best_state)
with torch.no_grad():
    probs = torch.sigmoid(model(X)).squeeze()
print(f"best acc {best_acc:.3f}", probs[:5].round(decimals=3), ((probs > 0.5).float() == y).float().mean().item() == best_acc or "differs")
print(len(best_state), list(best_state)[:2])
