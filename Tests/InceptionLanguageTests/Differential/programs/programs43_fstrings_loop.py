# training loop printing with f-strings, %-format, str.format
import time
import torch
import torch.nn as nn
torch.manual_seed(0)
X = torch.randn(100, 2)
y = (X[:, 0] * X[:, 1] > 0).long()
dataset = torch.utils.data.TensorDataset(X, y)
loader = torch.utils.data.DataLoader(dataset, batch_size=32, shuffle=True)
model = nn.Sequential(nn.Linear(2, 16), nn.ReLU(), nn.Linear(16, 2))
criterion = nn.CrossEntropyLoss()
optimizer = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9)
size = len(loader.dataset)
num_batches = len(loader)
print(size, num_batches)
for epoch in range(3):
    print(f"Epoch {epoch+1}\n-------------------------------")
    model.train()
    for batch, (xb, yb) in enumerate(loader):
        pred = model(xb)
        loss = criterion(pred, yb)
        loss.backward()
        optimizer.step()
        optimizer.zero_grad()
        if batch % 2 == 0:
            loss, current = loss.item(), (batch + 1) * len(xb)
            print(f"loss: {loss:>7f}  [{current:>5d}/{size:>5d}]")
    model.eval()
    test_loss, correct = 0, 0
    with torch.no_grad():
        for xb, yb in loader:
            pred = model(xb)
            test_loss += criterion(pred, yb).item()
            correct += (pred.argmax(1) == yb).type(torch.float).sum().item()
    test_loss /= num_batches
    correct /= size
    print(f"Test Error: \n Accuracy: {(100*correct):>0.1f}%, Avg loss: {test_loss:>8f} \n")
    print('[%d, %5d] loss: %.3f' % (epoch + 1, batch + 1, loss))
    print('Epoch: {} \tLoss: {:.6f}\tAcc: {:.2%}'.format(epoch, loss, correct))
t = torch.tensor(0.123456)
print(f"{t:.3f} {t.item():.4f} {float(t):e} {t:.2e}")
print("{:.4f}".format(t), "%.2f" % t)
print(f"{torch.tensor(3):d} {torch.tensor(3):4d}" if False else f"{int(torch.tensor(3)):04d}")
print(f"{loss=:.3f}" if False else f"loss={loss:.3f}")
lr = optimizer.param_groups[0]['lr']
print(f"lr: {lr:.1e} | lr: {lr:g} | {lr!r}")
print(f"{'train':>10}|{'val':^10}|{'test':<10}|")
print(f"{1234567.891:,.2f} {0.000123:.2e} {42:08.3f} {-0.5:+.1f} {7:x} {255:#o}")
