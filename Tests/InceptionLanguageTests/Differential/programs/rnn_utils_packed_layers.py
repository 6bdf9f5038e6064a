# nn.LSTM, nn.GRU and nn.RNN on a PackedSequence: the output packed with the input's batch_sizes
# and indices, h_n/c_n after each sequence's own last step in the caller's order (bidirectional:
# the reverse direction after step 0), given states permuted in and out, gradients to the padded
# input and the weights, dropout between layers drawn over the packed data, and the errors
import torch
import torch.nn as nn
from torch.nn.utils.rnn import pad_sequence, pack_padded_sequence, pad_packed_sequence, pack_sequence, PackedSequence
torch.set_printoptions(precision=4)

def attempt(label, f):
    try:
        f()
        print(label, "ran")
    except Exception as e:
        print(label, type(e).__name__ + ":", e)

# an LSTM over three sequences of lengths 2, 4, 1 given time-major, not sorted
x = torch.randn(4, 3, 2, requires_grad=True)
lengths = [2, 4, 1]
lstm = nn.LSTM(2, 3)
packed = pack_padded_sequence(x, lengths, enforce_sorted=False)
out, (h, c) = lstm(packed)
print(type(out).__name__, isinstance(out, PackedSequence))
print(out.batch_sizes, out.sorted_indices, out.unsorted_indices, out.data.shape)
padded, lens = pad_packed_sequence(out)
print(padded)
print(lens)
print(h)
print(c)
# each h_n row is that sequence's output at its last step
print(torch.allclose(h[0], torch.stack([padded[l - 1, i] for i, l in enumerate(lengths)])))
loss = padded.pow(2).sum() + h.sum() + c.sum()
loss.backward()
print(x.grad)
print(lstm.weight_hh_l0.grad)
print(lstm.bias_ih_l0.grad)

# given states go in and come out in the caller's order
h0 = torch.randn(1, 3, 3)
c0 = torch.randn(1, 3, 3)
out, (h, c) = lstm(packed, (h0, c0))
print(h)
print(c)

# a bidirectional 2-layer GRU, batch_first, with h0
gru = nn.GRU(2, 3, num_layers=2, bidirectional=True, batch_first=True)
print(gru)
xb = torch.randn(3, 4, 2, requires_grad=True)
h0 = torch.randn(4, 3, 3)
pb = pack_padded_sequence(xb, torch.tensor([3, 4, 2]), batch_first=True, enforce_sorted=False)
out, hn = gru(pb, h0)
o, l = pad_packed_sequence(out, batch_first=True, padding_value=-1.0)
print(o)
print(l)
print(hn)
(o.sum() + hn.pow(2).sum()).backward()
print(xb.grad)
print(gru.weight_ih_l1_reverse.grad)
print(gru.bias_hh_l0.grad)

# a sorted batch from pack_sequence through an RNN with relu
rnn = nn.RNN(2, 4, nonlinearity='relu', batch_first=True)
seqs = [torch.randn(4, 2), torch.randn(2, 2), torch.randn(2, 2)]
out, hn = rnn(pack_sequence(seqs))
print(out.data)
print(hn)

# three layers with dropout between them: drawn over the packed data in train mode
deep = nn.RNN(2, 2, num_layers=3, dropout=0.5)
out, hn = deep(pack_sequence(seqs, enforce_sorted=False))
print(out.data)
print(hn)
deep.eval()
out, hn = deep(pack_sequence(seqs, enforce_sorted=False))
print(hn)

# a forward hook sees the PackedSequence going in and coming out
def show(module, inputs, output):
    print("hook:", type(inputs[0]).__name__, type(output[0]).__name__, output[0].data.shape)
handle = lstm.register_forward_hook(show)
lstm(packed)
handle.remove()

# wrong uses
attempt("input size", lambda: nn.GRU(3, 3)(packed))
attempt("hidden size", lambda: nn.GRU(2, 3)(packed, torch.zeros(2, 3, 3)))
attempt("cell", lambda: nn.LSTMCell(2, 3)(packed))
attempt("3-D data", lambda: nn.GRU(2, 3)(pack_sequence([torch.randn(3, 2, 2)])))
