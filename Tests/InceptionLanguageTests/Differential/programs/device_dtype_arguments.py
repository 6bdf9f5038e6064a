# torch.device with an index, and dtype= arguments that are not dtypes
import torch

for d in [torch.device("cpu:0"), torch.device("cpu", 0), torch.device("cpu"), torch.device(type="cpu", index=0)]:
    print(d, repr(d), d.type, d.index, d == torch.device("cpu"))
print(torch.device("cpu:0") == torch.device("cpu", 0))
x = torch.ones(1, device="cpu:0")
print(x.device, x.to("cpu:0").device, x.to(torch.device("cpu", 0)).device)
for bad in [lambda: torch.device("cpu:-1"), lambda: torch.device("cpu", -1), lambda: torch.device("cpu:x"),
            lambda: torch.device("cpu:0", 1)]:
    try:
        print(bad())
    except RuntimeError as e:
        print("RuntimeError:", e)

for f in [lambda: torch.tensor([1], dtype="float32"), lambda: torch.zeros(2, dtype="float32"),
          lambda: torch.ones(2, dtype="int64"), lambda: torch.full((2,), 1.0, dtype="float32"),
          lambda: torch.zeros_like(torch.ones(2), dtype="float32"), lambda: torch.empty(2, dtype="float32").shape,
          lambda: torch.as_tensor([1], dtype="float32"), lambda: torch.tensor([1], dtype=1),
          lambda: torch.ones(2, dtype=int), lambda: torch.ones(2, dtype=torch.int64)]:
    try:
        print(f())
    except TypeError as e:
        print("TypeError:", e)

# too many index tensors for index_put
x = torch.zeros(3)
for f in [lambda: x.index_put_((torch.tensor([0]), torch.tensor([0])), torch.tensor(1.)),
          lambda: x.index_put((torch.tensor([0]), torch.tensor([0])), torch.tensor(1.)),
          lambda: torch.zeros(2, 2).index_put_((torch.tensor([0]),) * 3, torch.tensor(1.)),
          lambda: torch.zeros(2, 2).index_put_((torch.tensor([[True, False], [False, True]]),), torch.tensor(1.)),
          lambda: x[torch.tensor([0]), torch.tensor([0])], lambda: x[0, 0]]:
    try:
        print(f())
    except IndexError as e:
        print("IndexError:", e)
