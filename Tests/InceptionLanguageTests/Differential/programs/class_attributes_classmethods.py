# class attributes (the class body's own names, read through the class or an instance, set
# through the class), @classmethod, @staticmethod, methods read unbound through the class
import torch
import torch.nn as nn

class A:
    count = 0
    names = ["x"]
    scale = 2 * 3
    def __init__(self, v):
        self.v = v
        A.count += 1
    def get(self):
        return self.v + self.count
    @classmethod
    def make(cls, n):
        cls.count += n
        return cls(n)
    @staticmethod
    def helper(x):
        return x * 2
a = A(1); b = A(2)
print(A.count, a.count, b.get(), A.names, A.scale)
c = A.make(10)
print(A.count, c.v, A.helper(4), a.helper(5), a.make(1).v, A.get(a), type(c).__name__)
a.count = 100
print(a.count, A.count, b.count)
class Config:
    lr = 0.1
    epochs = 3
    layers = [64, 128]
print(Config.lr, Config.epochs * 2, Config.layers)
Config.lr = 0.01
print(Config.lr, Config().lr)
class B(A):
    extra = "b"
print(B.count, B.extra, B(7).get(), B.helper(1), B.make(0).v)
class Net(nn.Module):
    num_classes = 10
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(4, self.num_classes)
    def forward(self, x):
        return self.fc(x)
print(Net()(torch.ones(1, 4)).shape, Net.num_classes)
class Registry:
    items = {}
    @classmethod
    def register(cls, name):
        def deco(f):
            cls.items[name] = f
            return f
        return deco
@Registry.register("double")
def double(x):
    return 2 * x
print(Registry.items["double"](21))
class Shape:
    def __init__(self, w):
        self.w = w
    def area(this):
        return this.w ** 2
print(Shape(3).area())
try:
    A.missing
except AttributeError as e:
    print("AttributeError", e)
