"""tensors43: PyTorch's legacy constructors (torch.Tensor, torch.FloatTensor, LongTensor,
IntTensor, BoolTensor, x.new) read their arguments as tensor_new.cpp does: no argument is an
empty (0,) tensor, ints or a torch.Size a shape (only shapes and dtypes printed: PyTorch leaves
the values uninitialised), one sequence data converted to the type, a tensor an alias (checked
against a typed constructor's dtype), and their TypeErrors under the name new(). Also
x.new_tensor of a tensor, and torch.tensor of lists whose first items hold a 0."""
import torch
import warnings
warnings.simplefilter("ignore")

x = torch.tensor([1., 2.])
shapes = [
    "torch.Tensor(3)", "torch.Tensor(2, 3)", "torch.Tensor()", "torch.Tensor(0, 3)", "torch.Tensor(torch.Size([2, 3]))",
    "torch.Tensor(torch.Size([]))", "torch.Tensor(size=(2, 3))", "torch.Tensor(2, torch.tensor(3))", "torch.Tensor(2, 3, device='cpu')",
    "torch.FloatTensor(3)", "torch.FloatTensor(2, 3)", "torch.FloatTensor()", "torch.LongTensor(3)", "torch.LongTensor(2, 2)",
    "torch.LongTensor()", "torch.BoolTensor(2)", "torch.IntTensor(1, 2)", "x.new(2, 3)", "x.new(torch.Size([1, 2]))", "x.new()",
    "x.long().new(3)", "x.new_empty(2, 3)", "x.new_empty(())", "x.long().new_empty((2,))",
]
for c in shapes:
    try:
        r = eval(c)
        print(c, "->", tuple(r.shape), r.dtype)
    except Exception as e:
        print(c, "!!", type(e).__name__, str(e).split("\n")[0])

cases = [
    "torch.Tensor([1, 2])", "torch.Tensor([[1, 2], [3, 4]])", "torch.Tensor((1, 2))", "torch.Tensor([])", "torch.Tensor(())",
    "torch.Tensor([True, False])", "torch.Tensor(range(3))", "torch.Tensor(data=[1, 2])", "torch.Tensor([torch.tensor(1), 2])",
    "torch.Tensor(torch.Size([0]))", "torch.Tensor([[]]).shape", "torch.Tensor([1], device='cpu')",
    "torch.Tensor(2.0)", "torch.Tensor(True)", "torch.Tensor(None)", "torch.Tensor({1: 2})", "torch.Tensor({1, 2})", "torch.Tensor('a')",
    "torch.Tensor([1, 'a'])", "torch.Tensor([[1, 2], [3, 'a']])", "torch.Tensor(['a'])", "torch.Tensor([None])", "torch.Tensor([1, None])",
    "torch.Tensor(2, 3.0)", "torch.Tensor(2, [3])", "torch.Tensor(2.0, 3)", "torch.Tensor([1, 2], [3])", "torch.Tensor(torch.tensor(2.5), 3)",
    "torch.Tensor(-1)", "torch.Tensor(2, -1)", "torch.Tensor([[1, 2], [3]])", "torch.Tensor([x, x])",
    "torch.Tensor([1, 2], dtype=torch.long)", "torch.Tensor(size=2)", "torch.Tensor(size=(2.0,))", "torch.Tensor(3, size=(2,))",
    "torch.Tensor(requires_grad=True)",
    "torch.Tensor(x)", "torch.Tensor(x) is x", "torch.Tensor(x.long())", "torch.Tensor(torch.tensor(3))",
    "torch.FloatTensor([1, 2])", "torch.FloatTensor([[1.5]])", "torch.FloatTensor(2.0)", "torch.FloatTensor(-2)", "torch.FloatTensor([[1, 2], [3]])",
    "torch.FloatTensor(x)", "torch.FloatTensor(x) is x", "torch.FloatTensor(torch.tensor([1, 2]))",
    "torch.LongTensor([1, 2])", "torch.LongTensor([1.7, 2.2])", "torch.LongTensor(2.0)", "torch.LongTensor([True])", "torch.LongTensor(['1'])",
    "torch.LongTensor(torch.tensor([1.5, 2]))", "torch.IntTensor([1, 2])", "torch.IntTensor([2.9, -2.9])", "torch.IntTensor(x)",
    "torch.BoolTensor([1, 0, 2])", "torch.BoolTensor([True, False])", "torch.BoolTensor([0.5, 0.0])", "torch.BoolTensor(x)",
    "x.new([1, 2])", "x.new((1, 2))", "x.new(x)", "x.new(x.long())", "x.new(2.0)", "x.long().new([1.5])", "x.new(dtype=torch.long)",
    "x.new_tensor(torch.tensor([1, 2]))", "torch.tensor([1, 2]).new_tensor(x)", "x.new_tensor([1, 2])", "x.new_tensor([[1, 2], [3]])",
    "torch.tensor([[], [1]])", "torch.tensor([[], [1, 2, 3]])", "torch.tensor([[], [[1]]]).shape", "torch.tensor([[[]], [[1, 2]]]).shape",
    "torch.tensor([[1], []])", "torch.tensor([[], []])",
]
for c in cases:
    try:
        r = eval(c)
        print(c, "->", r, r.dtype if isinstance(r, torch.Tensor) else "")
    except Exception as e:
        print(c, "!!", type(e).__name__, str(e).split("\n")[0])

w = torch.tensor([1., 2.], requires_grad=True)
a = torch.Tensor(w)
print(a, a.grad_fn is not None, a.requires_grad)
v = torch.tensor([1., 2., 3.])
t = torch.Tensor(v)
t[0] = 7.
print(v)
