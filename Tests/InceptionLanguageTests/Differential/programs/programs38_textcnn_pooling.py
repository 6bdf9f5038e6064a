import torch
import torch.nn as nn
import torch.nn.functional as F

torch.manual_seed(0)

class TextCNN(nn.Module):
    def __init__(self, vocab_size, embed_dim, n_filters, filter_sizes, output_dim, dropout, pad_idx):
        super().__init__()
        self.embedding = nn.Embedding(vocab_size, embed_dim, padding_idx=pad_idx)
        self.convs = nn.ModuleList([
            nn.Conv1d(in_channels=embed_dim, out_channels=n_filters, kernel_size=fs)
            for fs in filter_sizes
        ])
        self.fc = nn.Linear(len(filter_sizes) * n_filters, output_dim)
        self.dropout = nn.Dropout(dropout)

    def forward(self, text):
        embedded = self.embedding(text)              # [batch, sent len, emb dim]
        embedded = embedded.permute(0, 2, 1)         # [batch, emb dim, sent len]
        conved = [F.relu(conv(embedded)) for conv in self.convs]
        pooled = [F.max_pool1d(conv, conv.shape[2]).squeeze(2) for conv in conved]
        cat = self.dropout(torch.cat(pooled, dim=1))
        return self.fc(cat)

def count_parameters(model):
    return sum(p.numel() for p in model.parameters() if p.requires_grad)

PAD_IDX = 0
model = TextCNN(30, 8, 4, [2, 3, 4], 1, 0.5, PAD_IDX)
print(f'The model has {count_parameters(model):,} trainable parameters')
print(model.embedding.weight[PAD_IDX])
texts = torch.randint(1, 30, (10, 9))
texts[:, 7:] = PAD_IDX
labels = torch.randint(0, 2, (10,)).float()

def binary_accuracy(preds, y):
    rounded_preds = torch.round(torch.sigmoid(preds))
    correct = (rounded_preds == y).float()
    acc = correct.sum() / len(correct)
    return acc

optimizer = torch.optim.Adam(model.parameters())
criterion = nn.BCEWithLogitsLoss()
for epoch in range(4):
    model.train()
    epoch_loss, epoch_acc = 0, 0
    for i in range(0, 10, 5):
        optimizer.zero_grad()
        predictions = model(texts[i:i + 5]).squeeze(1)
        loss = criterion(predictions, labels[i:i + 5])
        acc = binary_accuracy(predictions, labels[i:i + 5])
        loss.backward()
        optimizer.step()
        epoch_loss += loss.item()
        epoch_acc += acc.item()
    print(f'\tTrain Loss: {epoch_loss / 2:.3f} | Train Acc: {epoch_acc * 100 / 2:.2f}%')
print(model.embedding.weight.grad[PAD_IDX].abs().sum())
model.eval()
with torch.no_grad():
    pred = torch.sigmoid(model(texts[:3]))
print(pred.squeeze())
x = torch.randn(2, 3, 7)
print(F.max_pool1d(x, 7).shape, F.adaptive_max_pool1d(x, 1).squeeze(-1))
print(nn.MaxPool1d(3, stride=2)(x).shape, F.avg_pool1d(x, kernel_size=2).shape)
print(model.convs)
for n in (1, 2, 3, 5):
    print(n, F.adaptive_max_pool1d(x, n))
z = torch.randn(3, 6, requires_grad=True)
out = F.adaptive_max_pool1d(z, 4)
out.sum().backward()
print(out, z.grad, out.grad_fn.name())
print(torch.allclose(nn.AdaptiveMaxPool1d(2)(x), F.adaptive_max_pool1d(x, 2)))
