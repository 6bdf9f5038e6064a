# The text classification tutorial with synthetic headlines: a vocabulary built by hand,
# collate_batch packing texts into one 1-D tensor with offsets (cumsum), nn.EmbeddingBag
# averaging each bag, clip_grad_norm_, StepLR stepped when validation accuracy drops, and the
# tutorial's print formats; with EmbeddingBag's other modes, padding_idx and 2-D input.
import torch
from torch import nn
from torch.utils.data.dataloader import DataLoader
from torch.utils.data.dataset import random_split
from torch.utils.data.sampler import RandomSampler

torch.manual_seed(0)
texts = ["wall st bears claw back into the black", "stocks rally as oil prices fall",
         "team wins the championship game", "player scores twice in final",
         "new phone released with better camera", "software update fixes security bug",
         "election results announced today", "president meets foreign leaders"] * 3
labels = [3, 3, 2, 2, 4, 4, 1, 1] * 3
train_iter = list(zip(labels, texts))

def tokenizer(s):
    return s.lower().split()

vocab = {"<unk>": 0}
for _, t in train_iter:
    for tok in tokenizer(t):
        if tok not in vocab:
            vocab[tok] = len(vocab)
text_pipeline = lambda x: [vocab.get(tok, 0) for tok in tokenizer(x)]
label_pipeline = lambda x: int(x) - 1
print(text_pipeline("here is the an example"), label_pipeline("10"))

def collate_batch(batch):
    label_list, text_list, offsets = [], [], [0]
    for _label, _text in batch:
        label_list.append(label_pipeline(_label))
        processed_text = torch.tensor(text_pipeline(_text), dtype=torch.int64)
        text_list.append(processed_text)
        offsets.append(processed_text.size(0))
    label_list = torch.tensor(label_list, dtype=torch.int64)
    offsets = torch.tensor(offsets[:-1]).cumsum(dim=0)
    text_list = torch.cat(text_list)
    return label_list, text_list, offsets

class TextClassificationModel(nn.Module):
    def __init__(self, vocab_size, embed_dim, num_class):
        super(TextClassificationModel, self).__init__()
        self.embedding = nn.EmbeddingBag(vocab_size, embed_dim, sparse=False)
        self.fc = nn.Linear(embed_dim, num_class)
        self.init_weights()

    def init_weights(self):
        initrange = 0.5
        self.embedding.weight.data.uniform_(-initrange, initrange)
        self.fc.weight.data.uniform_(-initrange, initrange)
        self.fc.bias.data.zero_()

    def forward(self, text, offsets):
        embedded = self.embedding(text, offsets)
        return self.fc(embedded)

num_class = len(set([label for (label, text) in train_iter]))
model = TextClassificationModel(len(vocab), 8, num_class)
print(model)

def train(dataloader):
    model.train()
    total_acc, total_count = 0, 0
    for idx, (label, text, offsets) in enumerate(dataloader):
        optimizer.zero_grad()
        predicted_label = model(text, offsets)
        loss = criterion(predicted_label, label)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 0.1)
        optimizer.step()
        total_acc += (predicted_label.argmax(1) == label).sum().item()
        total_count += label.size(0)
        if idx % 2 == 0 and idx > 0:
            print("| epoch {:3d} | {:5d}/{:5d} batches | accuracy {:8.3f}".format(epoch, idx, len(dataloader), total_acc / total_count))
            total_acc, total_count = 0, 0

def evaluate(dataloader):
    model.eval()
    total_acc, total_count = 0, 0
    with torch.no_grad():
        for idx, (label, text, offsets) in enumerate(dataloader):
            predicted_label = model(text, offsets)
            total_acc += (predicted_label.argmax(1) == label).sum().item()
            total_count += label.size(0)
    return total_acc / total_count

criterion = torch.nn.CrossEntropyLoss()
optimizer = torch.optim.SGD(model.parameters(), lr=5)
scheduler = torch.optim.lr_scheduler.StepLR(optimizer, 1.0, gamma=0.1)
total_accu = None
num_train = int(len(train_iter) * 0.75)
split_train_, split_valid_ = random_split(train_iter, [num_train, len(train_iter) - num_train])
train_dataloader = DataLoader(split_train_, batch_size=4, shuffle=True, collate_fn=collate_batch)
valid_dataloader = DataLoader(split_valid_, batch_size=4, shuffle=True, collate_fn=collate_batch)
for epoch in range(1, 4):
    train(train_dataloader)
    accu_val = evaluate(valid_dataloader)
    if total_accu is not None and total_accu > accu_val:
        scheduler.step()
    else:
        total_accu = accu_val
    print("-" * 59)
    print("| end of epoch {:3d} | valid accuracy {:8.3f} ".format(epoch, accu_val))
    print("-" * 59)
ag_news_label = {1: "World", 2: "Sports", 3: "Business", 4: "Sci/Tec"}
def predict(text, text_pipeline):
    with torch.no_grad():
        text = torch.tensor(text_pipeline(text))
        output = model(text, torch.tensor([0]))
        return output.argmax(1).item() + 1
print("This is a %s news" % ag_news_label[predict("team wins final game", text_pipeline)])

# the other modes, padding_idx, per_sample_weights, a 2-D input, include_last_offset
inp = torch.tensor([1, 2, 4, 5, 4, 3, 2, 9])
offs = torch.tensor([0, 4, 4])
for mode in ['sum', 'mean', 'max']:
    bag = nn.EmbeddingBag(10, 3, mode=mode)
    out = bag(inp, offs)
    out.pow(2).sum().backward()
    print(bag, out, out.grad_fn.name())
    print(bag.weight.grad[:5])
bag = nn.EmbeddingBag(10, 3, mode='sum', padding_idx=2)
print(bag, bag(inp, offs, per_sample_weights=torch.arange(1.0, 9.0)))
print(bag(torch.tensor([[1, 2], [2, 2]])))
bag = nn.EmbeddingBag(10, 3, include_last_offset=True)
print(bag(inp, torch.tensor([0, 3, 8])))
for bad in [lambda: bag(inp), lambda: bag(inp.view(2, 4), offs), lambda: nn.EmbeddingBag(10, 3, mode='mean')(inp, offs, per_sample_weights=torch.ones(8))]:
    try:
        bad()
    except (ValueError, NotImplementedError) as e:
        print(type(e).__name__, e)
