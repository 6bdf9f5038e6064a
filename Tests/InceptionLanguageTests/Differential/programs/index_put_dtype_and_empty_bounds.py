# x[index] = v with v a tensor: advanced indices write with index_put_, which wants v in x's own
# dtype (a lone mask with one value is masked_fill_, which converts); basic indices convert.
# And indices outside an empty selection: PyTorch's kernel checks only what it reads.
import torch

def attempt(label, f):
    try:
        print(label, f())
    except Exception as e:
        print(label, type(e).__name__, str(e).split("\n")[0])

def assign(x, index, value):
    x[index] = value
    return x

mask = torch.tensor([True, False, True])
attempt("list index, long value:", lambda: assign(torch.zeros(3), [0], torch.tensor([1])))
attempt("tensor index, 0-d long:", lambda: assign(torch.zeros(3), torch.tensor([0, 2]), torch.tensor(4)))
attempt("slice, long value:", lambda: assign(torch.zeros(3), slice(0, 2), torch.tensor([1, 2])))
attempt("0-d int tensor index:", lambda: assign(torch.zeros(3), torch.tensor(1), torch.tensor(7)))
attempt("mask, one long value:", lambda: assign(torch.zeros(3), mask, torch.tensor([2])))
attempt("mask, 0-d bool value:", lambda: assign(torch.zeros(3), mask, torch.tensor(True)))
attempt("mask, two long values:", lambda: assign(torch.zeros(3), mask, torch.tensor([1, 2])))
attempt("mask, two float values:", lambda: assign(torch.zeros(3), mask, torch.tensor([1.5, 2.5])))
attempt("long x, mask, float pair:", lambda: assign(torch.zeros(3, dtype=torch.long), mask, torch.tensor([1.5, 2.5])))
attempt("long x, mask, 0-d float:", lambda: assign(torch.zeros(3, dtype=torch.long), mask, torch.tensor(1.5)))
attempt("long x, list, int32:", lambda: assign(torch.zeros(3, dtype=torch.long), [1], torch.tensor([1], dtype=torch.int32)))
attempt("bool x, list, long:", lambda: assign(torch.zeros(3, dtype=torch.bool), [1], torch.tensor([1])))
attempt("python number:", lambda: assign(torch.zeros(3), [0, 2], 5))
attempt("row mask, 0-d long:", lambda: assign(torch.zeros(2, 3), torch.tensor([True, False]), torch.tensor(7)))
attempt("row mask, long row:", lambda: assign(torch.zeros(2, 3), torch.tensor([True, False]), torch.tensor([7, 8, 9])))
attempt("int then list:", lambda: assign(torch.zeros(2, 3), (0, torch.tensor([1])), torch.tensor(7)))
attempt("0-d bool tensor index:", lambda: assign(torch.zeros(3), torch.tensor(True), torch.tensor(2)))
attempt("lone True:", lambda: assign(torch.zeros(3), True, torch.tensor(2)))
attempt("shape before dtype:", lambda: assign(torch.zeros(3), [0, 1], torch.tensor([1, 2, 3])))
attempt("index_put_ long:", lambda: torch.zeros(3).index_put_((torch.tensor([0]),), torch.tensor([1])))

empty = torch.zeros(2, 0)
attempt("rows of an empty selection:", lambda: empty[torch.tensor([5])].shape)
attempt("list of an empty selection:", lambda: empty[[5]].shape)
attempt("into an empty dim:", lambda: empty[:, torch.tensor([1])].shape)
attempt("empty dim named first:", lambda: empty[torch.tensor([5]), torch.tensor([1])].shape)
attempt("empty rows, bad column:", lambda: torch.zeros(0, 3)[:, torch.tensor([5])].shape)
attempt("empty index of empty dim:", lambda: empty[torch.tensor([], dtype=torch.long)].shape)
attempt("write to an empty selection:", lambda: assign(torch.zeros(2, 0), torch.tensor([5]), 1.0).shape)
attempt("non-empty still checked:", lambda: torch.zeros(2, 3)[torch.tensor([5])])
attempt("broadcast before bounds:", lambda: torch.zeros(2, 3)[torch.tensor([5, 0]), torch.tensor([0, 1, 2])])
