# Found by bench/diff_fuzz.py: PyTorch counts the dims an index names before reading any of its
# items ("too many indices", even where an item is a float tensor or a slice of a 0-d tensor), and
# an index list into an empty dim is out of bounds without a number
import torch
s = torch.tensor(-2)
v = torch.tensor([-1.0, 2.0, -3.0])
m = torch.tensor([[0, 0], [4, -1]])
z = torch.zeros(0)

def show(label, f):
    try:
        r = f()
    except Exception as ex:
        print(label, "raises", type(ex).__name__, str(ex).split("\n")[0])
        return
    print(label, r)

def put(x, index, value):
    x = x.clone()
    x[index] = value
    return x

show("0-d [0]", lambda: s[0])
show("0-d [1:]", lambda: s[1:])
show("0-d [:, True, [-1, 1]]", lambda: s[:, True, [-1, 1]])
show("0-d [1:3, ...]", lambda: s[1:3, ...])
show("0-d [::1, [-2, 1]]", lambda: s[::1, [-2, 1]])
show("0-d [-1:, None]", lambda: s[-1:, None])
show("0-d [[-1, -1]]", lambda: s[[-1, -1]])
show("0-d [..., float tensor]", lambda: s[..., torch.tensor([])])
show("0-d [None, ..., True]", lambda: s[None, ..., True])
show("0-d [bool 0-d mask]", lambda: s[torch.tensor(True)])
show("vector [0-d, float tensor, None]", lambda: v[torch.tensor(2), torch.tensor([]), None])
show("vector [float tensor]", lambda: v[torch.tensor([0.0])])
show("vector [mask of 2 dims]", lambda: v[torch.tensor([[True, False, True]])])
show("matrix [[0, 1], 1:1, float tensor]", lambda: m[[0, 1], 1:1, torch.tensor([])])
show("matrix [0, 0, 0]", lambda: m[0, 0, 0])
show("matrix [mask, 0]", lambda: m[m > 0, 0])
show("empty [[0, 0]]", lambda: z[[0, 0]])
show("empty [tensor([0, 0, 0]), True]", lambda: z[torch.tensor([0, 0, 0]), True])
show("empty [tensor([-1])]", lambda: z[torch.tensor([-1])])
show("(2, 0) [:, [0]]", lambda: torch.zeros(2, 0)[:, [0]])
show("empty [[0, 0]] = tensor(7.0)", lambda: put(z, [0, 0], torch.tensor(7.0)))
show("0-d [:-1, :-1] = True", lambda: put(s, (slice(None, -1), slice(None, -1)), True))
show("vector [float tensor, [0, -2], True] = 0", lambda: put(v, (torch.tensor([]), [0, -2], True), 0))
show("vector [[0, 5]] = 1", lambda: put(v, [0, 5], 1.0))
