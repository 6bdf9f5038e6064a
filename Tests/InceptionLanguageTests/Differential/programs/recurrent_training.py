# an Embedding → 2-layer LSTM (dropout between) → Linear classifier trained with Adam; cells stepped by hand; shape errors
import torch
import torch.nn as nn
import torch.nn.functional as F
torch.manual_seed(1)
# a small sequence classifier trained a few steps
class Tagger(nn.Module):
    def __init__(self):
        super().__init__()
        self.emb = nn.Embedding(10, 8)
        self.rnn = nn.LSTM(8, 16, num_layers=2, dropout=0.2, batch_first=True)
        self.fc = nn.Linear(16, 3)
    def forward(self, tokens):
        out, (h, c) = self.rnn(self.emb(tokens))
        return self.fc(h[-1])
model = Tagger()
print(model)
opt = torch.optim.Adam(model.parameters(), lr=0.01)
x = torch.randint(0, 10, (4, 7)); y = torch.tensor([0, 1, 2, 1])
for i in range(3):
    opt.zero_grad()
    loss = F.cross_entropy(model(x), y)
    loss.backward(); opt.step()
    print(round(loss.item(), 4))
model.eval()
print(model(x).argmax(1))
r = nn.RNNCell(2, 2, nonlinearity='relu'); print(r)
h = torch.zeros(1, 2)
for t in range(3):
    h = r(torch.ones(1, 2), h)
print(h)
gru = nn.GRU(2, 3, num_layers=2, bidirectional=True, batch_first=True)
o, hn = gru(torch.randn(2, 4, 2))
print(o.shape, hn.shape, o[1, 0], hn[3])
lstm = nn.LSTM(2, 2)
out, (h, c) = lstm(torch.randn(3, 2))
print(out.shape, h.shape, c)
try:
    lstm(torch.randn(3, 1, 5))
except RuntimeError as e:
    print("RuntimeError:", e)
try:
    nn.GRU(2, 2)(torch.randn(3, 1, 2), torch.zeros(2, 1, 2))
except RuntimeError as e:
    print("RuntimeError:", e)
print(lstm.state_dict().keys())
