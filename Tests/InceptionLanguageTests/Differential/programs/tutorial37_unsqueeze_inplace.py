# "Generating names with a character-level RNN": train() starts with
# target_line_tensor.unsqueeze_(-1), changing the target's shape in place; squeeze_ likewise
import torch
import torch.nn as nn

all_letters = "abcdefghijklmnopqrstuvwxyz"
n_letters = len(all_letters) + 1

def inputTensor(line):
    tensor = torch.zeros(len(line), 1, n_letters)
    for li in range(len(line)):
        tensor[li][0][all_letters.find(line[li])] = 1
    return tensor

def targetTensor(line):
    letter_indexes = [all_letters.find(line[li]) for li in range(1, len(line))]
    letter_indexes.append(n_letters - 1)
    return torch.LongTensor(letter_indexes)

class RNN(nn.Module):
    def __init__(self, input_size, hidden_size, output_size):
        super().__init__()
        self.hidden_size = hidden_size
        self.i2h = nn.Linear(input_size + hidden_size, hidden_size)
        self.i2o = nn.Linear(input_size + hidden_size, output_size)
        self.softmax = nn.LogSoftmax(dim=1)
    def forward(self, input, hidden):
        combined = torch.cat((input, hidden), 1)
        return self.softmax(self.i2o(combined)), self.i2h(combined)
    def initHidden(self):
        return torch.zeros(1, self.hidden_size)

rnn = RNN(n_letters, 16, n_letters)
criterion = nn.NLLLoss()
def train(input_line_tensor, target_line_tensor):
    target_line_tensor.unsqueeze_(-1)
    hidden = rnn.initHidden()
    rnn.zero_grad()
    loss = torch.Tensor([0])
    for i in range(input_line_tensor.size(0)):
        output, hidden = rnn(input_line_tensor[i], hidden)
        loss += criterion(output, target_line_tensor[i])
    loss.backward()
    for p in rnn.parameters():
        p.data.add_(p.grad.data, alpha=-0.005)
    return output, loss.item() / input_line_tensor.size(0)

for name in ["anna", "bob", "carla", "anna"]:
    target = targetTensor(name)
    print(target.shape, end=' ')
    output, loss = train(inputTensor(name), target)
    print(target.shape, target.dtype, target[:, 0].tolist(), round(loss, 4))

x = torch.arange(6.)
y = x.unsqueeze_(0)
print(y is x, x.shape, x)
x.unsqueeze_(dim=-1)
print(x.shape)
x.squeeze_()
print(x.shape, x.sum())
z = torch.zeros(1, 3, 1)
z.squeeze_(0)
print(z.shape)
z.squeeze_(dim=1)
print(z.shape)
z.squeeze_(-1)
print(z.shape)
m = torch.ones(2, 2, dtype=torch.bool)
m.unsqueeze_(1)
print(m.shape, m.dtype)
try:
    torch.zeros(2).unsqueeze_(3)
except IndexError as e:
    print('IndexError', e)
