# operator (itemgetter, attrgetter, the operators as functions) and string's character classes.
import operator, string
import torch
from operator import itemgetter, attrgetter
rows = [("conv1", 9472), ("inception3a", 163696), ("conv2", 114944)]
print(sorted(rows, key=itemgetter(1)), max(rows, key=operator.itemgetter(1)), list(map(itemgetter(0, 1), rows))[:1])
conv = torch.nn.Conv2d(3, 4, 1)
print(attrgetter("weight.shape")(conv), attrgetter("in_channels", "out_channels")(conv), operator.add(2, 3), operator.mul(torch.tensor([1., 2.]), 3), operator.lt(1, 2), operator.eq(torch.tensor([1, 2]), 2))
print(string.ascii_lowercase, string.digits, len(string.printable), string.punctuation, repr(string.whitespace))
vocab = {c: i for i, c in enumerate(string.ascii_lowercase + " ")}
print(len(vocab), vocab["z"], operator.neg(5), operator.not_(0), operator.getitem([1, 2], 1), operator.pow(2, 5), operator.floordiv(7, 2), operator.truediv(7, 2))
