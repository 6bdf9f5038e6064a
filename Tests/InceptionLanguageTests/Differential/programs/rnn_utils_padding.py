# torch.nn.utils.rnn: pad_sequence (both layouts, padding_value, padding_side), packing and
# unpacking round trips, enforce_sorted both ways, PackedSequence as a named tuple, the three
# ways to reach the module, and PyTorch's errors for wrong uses
import torch
import torch.nn as nn
import torch.nn.utils.rnn
import torch.nn.utils.rnn as rnn_utils
from torch.nn.utils.rnn import (pad_sequence, pack_padded_sequence, pad_packed_sequence, pack_sequence,
                                unpack_sequence, unpad_sequence, PackedSequence, invert_permutation)

def attempt(label, f):
    try:
        f()
        print(label, "ran")
    except Exception as e:
        print(label, type(e).__name__ + ":", e)

a = torch.tensor([1., 2., 3.])
b = torch.tensor([4., 5.])
c = torch.tensor([6.])
print(pad_sequence([a, b, c]))
print(pad_sequence([a, b, c], batch_first=True, padding_value=-1.0))
print(pad_sequence((b, a), batch_first=True, padding_side='left'))
print(pad_sequence([torch.tensor([1, 2]), torch.tensor([3])], padding_value=9))
feats = [torch.arange(6.).view(3, 2), torch.arange(4.).view(2, 2) + 10]
p = pad_sequence(feats, batch_first=True)
print(p.shape, p.dtype)
print(p)
print(nn.utils.rnn.pad_sequence([c, b]).shape, torch.nn.utils.rnn.pad_sequence([c]).shape, rnn_utils.pad_sequence([a]).shape)

# gradients flow through padding
w = torch.tensor([1., 2., 3.], requires_grad=True)
v = torch.tensor([4., 5.], requires_grad=True)
(pad_sequence([w, v], batch_first=True) * torch.tensor([[1., 2., 3.], [4., 5., 6.]])).sum().backward()
print(w.grad, v.grad)

# pack_sequence / unpack_sequence (sorted), and the named tuple's fields
packed = pack_sequence([a, b, c])
print(packed)
print(packed.data, packed.batch_sizes, packed.sorted_indices, packed.unsorted_indices)
print(len(packed), packed[1], isinstance(packed, PackedSequence), isinstance(packed, tuple))
data, sizes, si, ui = packed
print(data.shape, sizes.dtype, si, ui)
print(PackedSequence._fields)
print(type(packed), packed.to(torch.device("cpu")) is packed, packed.is_cuda)
print(unpack_sequence(packed))

# pack_padded_sequence with enforce_sorted=False: sorted longest first (ties keep their order)
x = torch.arange(15.).view(3, 5).t()          # (T=5, B=3)
lengths = [2, 5, 2]
pk = pack_padded_sequence(x, lengths, enforce_sorted=False)
print(pk)
padded, lens = pad_packed_sequence(pk)
print(padded)
print(lens, lens.dtype)
padded, lens = pad_packed_sequence(pk, batch_first=True, padding_value=-1.0, total_length=6)
print(padded)
print(unpack_sequence(pk))
print(unpad_sequence(padded, lens, batch_first=True))

# enforce_sorted=True with sorted lengths as a tensor; batch_first input of features
xb = torch.arange(24.).view(3, 4, 2)          # (B=3, T=4, F=2)
pk = pack_padded_sequence(xb, torch.tensor([4, 3, 1]), batch_first=True)
print(pk.data)
print(pk.batch_sizes, pk.sorted_indices)
print(pad_packed_sequence(pk, batch_first=True)[0])
print(invert_permutation(torch.tensor([2, 0, 3, 1])), invert_permutation(None))
built = PackedSequence(torch.tensor([1., 2., 3.]), torch.tensor([2, 1]), torch.tensor([1, 0]))
print(built)
print(pad_packed_sequence(built))

# gradients flow from the packed data back to the padded input
xg = torch.arange(8.).view(4, 2).requires_grad_()
pg = pack_padded_sequence(xg, [3, 1], batch_first=False)
(pg.data * torch.arange(1., 5.)).sum().backward()
print(pg.data, xg.grad)
xg = torch.ones(2, 3, requires_grad=True)
out, _ = pad_packed_sequence(pack_padded_sequence(xg, [1, 3], batch_first=True, enforce_sorted=False), batch_first=True)
(out * torch.arange(6.).view(2, 3)).sum().backward()
print(xg.grad)

# wrong uses
attempt("empty", lambda: pad_sequence([]))
attempt("trailing dims", lambda: pad_sequence([torch.ones(2, 3), torch.ones(3, 4)]))
attempt("padding_side", lambda: pad_sequence([a, b], padding_side='middle'))
attempt("not iterable", lambda: pad_sequence(5))
attempt("unsorted", lambda: pack_padded_sequence(torch.ones(3, 2), [1, 3]))
attempt("unsorted list", lambda: pack_sequence([c, a]))
attempt("lengths count", lambda: pack_padded_sequence(torch.ones(3, 2), [3, 1, 1]))
attempt("zero length", lambda: pack_padded_sequence(torch.ones(3, 2), [3, 0]))
attempt("2-D lengths", lambda: pack_padded_sequence(torch.ones(3, 2), torch.tensor([[3, 1]])))
attempt("empty input", lambda: pack_padded_sequence(torch.ones(0, 2), [1, 1]))
attempt("1-D input", lambda: pack_padded_sequence(torch.ones(3), [3]))
attempt("total_length", lambda: pad_packed_sequence(packed, total_length=2))
attempt("not packed", lambda: pad_packed_sequence(torch.ones(3)))
