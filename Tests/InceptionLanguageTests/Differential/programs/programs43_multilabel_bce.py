# multi-label classifier with BCEWithLogitsLoss and pos_weight
import torch
import torch.nn as nn
torch.manual_seed(0)
num_labels = 5
X = torch.randn(40, 8)
W = torch.randn(8, num_labels)
Y = ((X @ W) > 1.0).float()
print("label frequencies:", Y.mean(0))
pos = Y.sum(0)
neg = Y.size(0) - pos
pos_weight = neg / pos.clamp(min=1)
print("pos_weight:", pos_weight)
model = nn.Sequential(nn.Linear(8, 16), nn.ReLU(), nn.Linear(16, num_labels))
criterion = nn.BCEWithLogitsLoss(pos_weight=pos_weight)
print(criterion)
optimizer = torch.optim.Adam(model.parameters(), lr=0.02)
for epoch in range(25):
    logits = model(X)
    loss = criterion(logits, Y)
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
    if epoch % 5 == 4:
        with torch.no_grad():
            preds = (torch.sigmoid(logits) > 0.5).float()
            exact = (preds == Y).all(dim=1).float().mean()
            hamming = (preds != Y).float().mean()
        print(f"epoch {epoch + 1:2d} loss {loss.item():.4f} exact-match {exact:.3f} hamming {hamming:.3f}")
with torch.no_grad():
    probs = torch.sigmoid(model(X[:3]))
print(probs.round(decimals=3))
print((probs > 0.5).int())
# equivalence with manual formula
logits = torch.randn(4, 3)
target = torch.tensor([[1., 0., 1.], [0., 0., 1.], [1., 1., 0.], [0., 1., 0.]])
pw = torch.tensor([2.0, 1.0, 0.5])
l1 = nn.functional.binary_cross_entropy_with_logits(logits, target, pos_weight=pw)
manual = -(pw * target * torch.log(torch.sigmoid(logits)) + (1 - target) * torch.log(1 - torch.sigmoid(logits))).mean()
print(f"{l1.item():.5f} {manual.item():.5f}")
l2 = nn.BCEWithLogitsLoss(reduction='none', weight=torch.tensor([1.0, 0.0, 2.0]))(logits, target)
print(l2.shape, l2[:, 1])
l3 = nn.BCELoss()(torch.sigmoid(logits), target)
print(round(l3.item(), 4), round(nn.BCEWithLogitsLoss()(logits, target).item(), 4))
try:
    nn.BCEWithLogitsLoss()(logits, target[:, :2])
except ValueError as e:
    print("ValueError:", e)
try:
    nn.BCEWithLogitsLoss()(logits, target.long())
except RuntimeError as e:
    print("RuntimeError:", e)
