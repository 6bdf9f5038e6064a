# Division and dtypes as PyTorch 2.15 has them: div's rounding_mode, divide / true_divide /
# floor_divide, remainder vs fmod, float floor division by Python's rule, integers never -0,
# an integer divided by zero (RuntimeError("ZeroDivisionError")), .long() of NaN and inf, what
# bool and int64 tensors refuse (NotImplementedError, a RuntimeError) or promote, and NaN in
# sort, topk, median and unique.
import torch

a = torch.tensor([7, -7, 5, -5])
b = torch.tensor([2, 2, -3, -3])
print(torch.div(a, b), torch.div(a, b, rounding_mode="trunc"), torch.div(a, b, rounding_mode="floor"))
print(a.div(2, rounding_mode="trunc"), a.div(2.0, rounding_mode="trunc"), a.float().div(b, rounding_mode="floor"))
print(torch.divide(a, 3), torch.true_divide(a, 2), torch.floor_divide(a, 2), a.floor_divide(b))
print(torch.fmod(a, b), torch.remainder(a, b), a.fmod(2), a.remainder(-2), a % b)
print(torch.fmod(a.float(), 2.5), torch.remainder(a.float(), -2.5), torch.fmod(torch.tensor([-0.0, 3.0]), 1.5))
print(torch.tensor([7.0]) // (torch.tensor([0.5]) / torch.tensor([1.5])), torch.tensor([-7.5, 7.5]) // 2)
c = torch.tensor([9, -9])
c.div_(4, rounding_mode="trunc")
print(c)
x = torch.tensor([5.5, -5.5], requires_grad=True)
(x.div(2, rounding_mode="floor").sum() + x.div(2, rounding_mode="trunc").sum() + torch.fmod(x, 2).sum() + x.div(2).sum()).backward()
print(x.grad)

print(torch.tensor([-3, 3]) * 0, torch.where(torch.tensor([True, True]), (torch.tensor([-1, 2]) / 2.5).long(), 1.5))
print(torch.tensor([float("nan"), float("inf"), -float("inf"), 1e20, -2.7, 2.7]).long())
for attempt in [lambda: a // 0, lambda: a % torch.tensor([1, 0, 1, 1]), lambda: a.div(0, rounding_mode="trunc"),
                lambda: a.div(2, rounding_mode="round")]:
    try:
        print(attempt())
    except RuntimeError as err:
        print(type(err).__name__, err)

m = torch.tensor([True, False, True])
i = torch.tensor([3, -2, 0])
print(m.square(), m.clamp(0, 1), m.clamp(min=0.5), torch.logsumexp(m, 0), i.logsumexp(0), m.sum(), m.cumsum(0), m.exp())
print(i.mean(dtype=torch.float32), m.mean(dtype=torch.float32))
for attempt in [lambda: m.abs(), lambda: -m, lambda: m.floor(), lambda: m.relu(), lambda: m.argmax(), lambda: m.topk(1),
                lambda: i.mean(), lambda: i.std(), lambda: i.float().std(), lambda: i.softmax(0), lambda: i.norm(),
                lambda: i.frac(), lambda: m - 1, lambda: 1.5 - m, lambda: m - m, lambda: i - True]:
    try:
        print(attempt())
    except RuntimeError as err:
        print(type(err).__name__, err)

n = torch.tensor([[1.0, float("nan"), 0.0, 3.0], [float("nan"), 2.0, float("nan"), -1.0]])
print(n.topk(2), n.sort(), n.sort(descending=True), n.argsort(dim=1))
print(n.median(1), n.median(), n.kthvalue(1, 1), n.unique(), n.max(1), n.amax(0))
print(torch.tensor([[-2.0, 0.0, 1e-7], [100.0, 100.0, -50.0]]).logsumexp(1), torch.tensor([[0.0, -16.0]]).logsumexp(1))
