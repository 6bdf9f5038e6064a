# seq2seq with teacher forcing (reverse a sequence)
import random
import torch
import torch.nn as nn
import torch.nn.functional as F
torch.manual_seed(0)
random.seed(0)
SOS, EOS = 0, 1
V = 8
H = 24

class Encoder(nn.Module):
    def __init__(self, input_size, hidden_size):
        super(Encoder, self).__init__()
        self.hidden_size = hidden_size
        self.embedding = nn.Embedding(input_size, hidden_size)
        self.gru = nn.GRU(hidden_size, hidden_size)

    def forward(self, input, hidden):
        embedded = self.embedding(input).view(1, 1, -1)
        output, hidden = self.gru(embedded, hidden)
        return output, hidden

    def initHidden(self):
        return torch.zeros(1, 1, self.hidden_size)

class Decoder(nn.Module):
    def __init__(self, hidden_size, output_size):
        super(Decoder, self).__init__()
        self.embedding = nn.Embedding(output_size, hidden_size)
        self.gru = nn.GRU(hidden_size, hidden_size)
        self.out = nn.Linear(hidden_size, output_size)
        self.softmax = nn.LogSoftmax(dim=1)

    def forward(self, input, hidden):
        output = self.embedding(input).view(1, 1, -1)
        output = F.relu(output)
        output, hidden = self.gru(output, hidden)
        output = self.softmax(self.out(output[0]))
        return output, hidden

enc = Encoder(V, H)
dec = Decoder(H, V)
enc_opt = torch.optim.SGD(enc.parameters(), lr=0.05)
dec_opt = torch.optim.SGD(dec.parameters(), lr=0.05)
criterion = nn.NLLLoss()
teacher_forcing_ratio = 0.5

def train(input_tensor, target_tensor):
    encoder_hidden = enc.initHidden()
    enc_opt.zero_grad()
    dec_opt.zero_grad()
    input_length = input_tensor.size(0)
    target_length = target_tensor.size(0)
    loss = 0
    for ei in range(input_length):
        encoder_output, encoder_hidden = enc(input_tensor[ei], encoder_hidden)
    decoder_input = torch.tensor([[SOS]])
    decoder_hidden = encoder_hidden
    use_teacher_forcing = True if random.random() < teacher_forcing_ratio else False
    if use_teacher_forcing:
        for di in range(target_length):
            decoder_output, decoder_hidden = dec(decoder_input, decoder_hidden)
            loss += criterion(decoder_output, target_tensor[di])
            decoder_input = target_tensor[di]
    else:
        for di in range(target_length):
            decoder_output, decoder_hidden = dec(decoder_input, decoder_hidden)
            topv, topi = decoder_output.topk(1)
            decoder_input = topi.squeeze().detach()
            loss += criterion(decoder_output, target_tensor[di])
            if decoder_input.item() == EOS:
                break
    loss.backward()
    enc_opt.step()
    dec_opt.step()
    return loss.item() / target_length, use_teacher_forcing

for it in range(12):
    seq = torch.randint(2, V, (4,))
    inp = torch.cat([seq, torch.tensor([EOS])]).view(-1, 1)
    tgt = torch.cat([seq.flip(0), torch.tensor([EOS])]).view(-1, 1)
    l, tf = train(inp, tgt)
    if it % 3 == 0:
        print(f"iter {it} loss {l:.4f} teacher_forcing={tf}")
print(inp.shape, tgt.shape, inp[0], tgt[0].shape)
o, h = enc(inp[0], enc.initHidden())
print(o.shape, h.shape, torch.equal(o, h))
d, h2 = dec(torch.tensor([[SOS]]), h)
print(d.shape, round(d.exp().sum().item(), 4))
