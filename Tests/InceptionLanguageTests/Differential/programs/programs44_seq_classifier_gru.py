import torch
import torch.nn as nn
torch.manual_seed(0)
class Classifier(nn.Module):
    def __init__(self, vocab, emb, hid, ncls):
        super().__init__()
        self.embedding = nn.Embedding(vocab, emb, padding_idx=0)
        self.rnn = nn.GRU(emb, hid, batch_first=True, bidirectional=True)
        self.fc = nn.Linear(2 * hid, ncls)
    def forward(self, x):
        e = self.embedding(x)
        out, h = self.rnn(e)
        h = torch.cat([h[-2], h[-1]], dim=1)
        return self.fc(h)
model = Classifier(20, 6, 5, 2)
print(model)
print(sum(p.numel() for p in model.parameters()))
x = torch.randint(1, 20, (4, 7)); y = torch.tensor([0, 1, 1, 0])
opt = torch.optim.Adam(model.parameters(), lr=0.01)
for ep in range(4):
    opt.zero_grad(); out = model(x); loss = nn.CrossEntropyLoss()(out, y); loss.backward(); opt.step()
    acc = (out.argmax(-1) == y).float().mean()
    print(f"ep {ep} loss {loss.item():.4f} acc {acc:.2f}")
