# Which shapes load_state_dict accepts: the same shape, or (PyTorch's allowance for old files) a
# 1-element 1-d tensor into a 0-d buffer; a 0-d tensor into a 1-element parameter is a size mismatch.
import torch
import torch.nn as nn
from collections import OrderedDict

lin = nn.Linear(1, 1)
for sd in [{'weight': torch.tensor([[2.0]]), 'bias': torch.tensor(3.0)},
           {'weight': torch.tensor(2.0), 'bias': torch.tensor([3.0])},
           {'weight': torch.tensor([2.0]), 'bias': torch.tensor([3.0])},
           {'weight': torch.tensor([[2.0]]), 'bias': torch.tensor([[3.0]])}]:
    try:
        lin.load_state_dict(sd)
        print("loaded", lin.weight.data, lin.bias.data)
    except RuntimeError as e:
        print(e)

bn = nn.BatchNorm1d(2)
sd = bn.state_dict()
print(type(sd), type(sd).__name__)
sd['num_batches_tracked'] = torch.tensor([7])
print(bn.load_state_dict(sd), bn.num_batches_tracked)
for bad in [torch.tensor([4, 9]), torch.tensor([[1]])]:
    sd['num_batches_tracked'] = bad
    try:
        bn.load_state_dict(sd)
    except RuntimeError as e:
        print(e)
print(type(OrderedDict()), type(OrderedDict(a=1)).__name__)
