# "Extending PyTorch": torch.autograd.Function in the newer form, forward(*inputs) without ctx and
# setup_context(ctx, inputs, output) (inputs bound with forward's defaults), beside the classic form
import torch
from torch.autograd import Function

class MulConstant(Function):
    @staticmethod
    def forward(tensor, constant):
        return tensor * constant

    @staticmethod
    def setup_context(ctx, inputs, output):
        tensor, constant = inputs
        ctx.constant = constant

    @staticmethod
    def backward(ctx, grad_output):
        return grad_output * ctx.constant, None

a = torch.randn(3, requires_grad=True)
out = MulConstant.apply(a, 5.0)
print(out)
out.sum().backward()
print(a.grad)

class LinearFunction(Function):
    @staticmethod
    def forward(input, weight, bias=None):
        output = input.mm(weight.t())
        if bias is not None:
            output += bias.unsqueeze(0).expand_as(output)
        return output

    @staticmethod
    def setup_context(ctx, inputs, output):
        input, weight, bias = inputs
        ctx.save_for_backward(input, weight, bias)
        ctx.saw = (len(inputs), output.shape)

    @staticmethod
    def backward(ctx, grad_output):
        input, weight, bias = ctx.saved_tensors
        print('needs', ctx.needs_input_grad, ctx.saw)
        grad_input = grad_weight = grad_bias = None
        if ctx.needs_input_grad[0]:
            grad_input = grad_output.mm(weight)
        if ctx.needs_input_grad[1]:
            grad_weight = grad_output.t().mm(input)
        if bias is not None and ctx.needs_input_grad[2]:
            grad_bias = grad_output.sum(0)
        return grad_input, grad_weight, grad_bias

x = torch.randn(3, 4, requires_grad=True)
w = torch.randn(2, 4, requires_grad=True)
b = torch.randn(2, requires_grad=True)
y = LinearFunction.apply(x, w, b)
y.pow(2).sum().backward()
print(y)
print(x.grad, w.grad, b.grad, sep='\n')
w.grad = None
y2 = LinearFunction.apply(x.detach(), w)
y2.sum().backward()
print(y2.shape, w.grad)

class ScaledTanh(Function):
    @staticmethod
    def forward(x, scale=2.0):
        return torch.tanh(x) * scale

    @staticmethod
    def setup_context(ctx, inputs, output):
        x, scale = inputs
        ctx.save_for_backward(output)
        ctx.scale = scale

    @staticmethod
    def backward(ctx, g):
        out, = ctx.saved_tensors
        return g * (ctx.scale - out * out / ctx.scale), None

t = torch.linspace(-1, 1, 5, requires_grad=True)
ScaledTanh.apply(t).sum().backward()
print(t.grad)
t.grad = None
ScaledTanh.apply(t, 3.0).sum().backward()
print(t.grad)
with torch.no_grad():
    print(ScaledTanh.apply(t).requires_grad)

class Classic(Function):
    @staticmethod
    def forward(ctx, x):
        ctx.save_for_backward(x)
        return x.exp()
    @staticmethod
    def backward(ctx, g):
        x, = ctx.saved_tensors
        return g * x.exp()
c = torch.tensor([0.5, 1.0], requires_grad=True)
Classic.apply(c).sum().backward()
print(c.grad)
