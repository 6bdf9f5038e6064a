# MLP regression with early stopping, copy.deepcopy best state
import copy
import torch
import torch.nn as nn
torch.manual_seed(0)
N = 64
X = torch.rand(N, 3) * 4 - 2
y = (X[:, 0] ** 2 - 0.5 * X[:, 1] + torch.sin(X[:, 2])).unsqueeze(1) + 0.1 * torch.randn(N, 1)
X_train, y_train = X[:48], y[:48]
X_val, y_val = X[48:], y[48:]
mean, std = X_train.mean(dim=0), X_train.std(dim=0)
X_train = (X_train - mean) / std
X_val = (X_val - mean) / std
print("mean", mean, "std", std, sep="\n")
model = nn.Sequential(nn.Linear(3, 32), nn.ReLU(), nn.Linear(32, 16), nn.ReLU(), nn.Linear(16, 1))
loss_fn = nn.MSELoss()
optimizer = torch.optim.Adam(model.parameters(), lr=0.01)
patience = 5
best_val = float('inf')
best_state = None
bad_epochs = 0
history = {"train": [], "val": []}
for epoch in range(200):
    model.train()
    pred = model(X_train)
    loss = loss_fn(pred, y_train)
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
    model.eval()
    with torch.no_grad():
        val_loss = loss_fn(model(X_val), y_val).item()
    history["train"].append(loss.item())
    history["val"].append(val_loss)
    if val_loss < best_val - 1e-4:
        best_val = val_loss
        best_state = copy.deepcopy(model.state_dict())
        bad_epochs = 0
    else:
        bad_epochs += 1
        if bad_epochs >= patience:
            print(f"Early stopping at epoch {epoch}")
            break
    if epoch % 20 == 0:
        print(f"epoch {epoch:3d}: train {loss.item():.4f}  val {val_loss:.4f}")
print(len(history["train"]) == len(history["val"]))
model.load_state_dict(best_state)
with torch.no_grad():
    final = loss_fn(model(X_val), y_val).item()
print(f"best val {best_val:.4f} restored {final:.4f}", abs(final - best_val) < 1e-6)
print(list(best_state.keys()))
print(type(best_state).__name__)
r2 = 1 - ((model(X_val) - y_val) ** 2).sum() / ((y_val - y_val.mean()) ** 2).sum()
print(f"R^2 = {r2.item():.3f}", r2.requires_grad)
