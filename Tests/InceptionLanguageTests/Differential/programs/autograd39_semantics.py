import torch
import torch.nn as nn

# Autograd's rules as PyTorch states them: leaves changed in place (refused, allowed under
# no_grad, through .data), retain_grad, hooks, backward twice, non-scalar outputs,
# torch.autograd.grad's allow_unused / materialize_grads, requires_grad_ on integers, detach_,
# .grad's zero_ and accumulation, an optimizer's and a module's zero_grad, the grad modes.
def case(name, f):
    try:
        r = f()
        print(name, "ok", r)
    except Exception as e:
        print(name, type(e).__name__ + ":", str(e).split("\n")[0])

def leaf_add_():
    x = torch.ones(3, requires_grad=True)
    x.add_(1)
case("leaf add_", leaf_add_)

def leaf_add_no_grad():
    x = torch.ones(3, requires_grad=True)
    with torch.no_grad():
        x.add_(1)
    return (x, x._version, x.is_leaf, x.requires_grad)
case("leaf add_ under no_grad", leaf_add_no_grad)

def data_mul_():
    x = torch.ones(3, requires_grad=True)
    x.data.mul_(2)
    (x * x).sum().backward()
    return (x, x.grad, x._version)
case("x.data.mul_", data_mul_)

def leaf_view_add_():
    x = torch.tensor([1., 2.], requires_grad=True)
    x[0].add_(1)
case("view of a leaf add_", leaf_view_add_)

def retain_grad():
    x = torch.tensor([1., 2., 3.], requires_grad=True)
    y = x * 2
    y.retain_grad()
    (y * y).sum().backward()
    return (y.grad, x.grad, y.is_leaf, y.retains_grad, x.retains_grad)
case("retain_grad", retain_grad)

def retain_grad_twice():
    x = torch.tensor([1., 2.], requires_grad=True)
    y = x * 2
    y.retain_grad()
    y.sum().backward(retain_graph=True)
    y.sum().backward()
    return (y.grad, x.grad)
case("retain_grad accumulates", retain_grad_twice)

def retain_grad_and_hook():
    x = torch.tensor([1., 2.], requires_grad=True)
    y = x * 2
    y.retain_grad()
    y.register_hook(lambda g: g * 100)
    y.sum().backward()
    return (y.grad, x.grad)
case("retain_grad then a hook", retain_grad_and_hook)

def retain_grad_no_grad():
    torch.tensor([1., 2.]).retain_grad()
case("retain_grad without grad", retain_grad_no_grad)

def hook_modifies():
    x = torch.tensor([1., 2., 3.], requires_grad=True)
    h = x.register_hook(lambda g: g * 10)
    (x * x).sum().backward()
    g1 = x.grad.clone()
    h.remove()
    x.grad = None
    (x * x).sum().backward()
    return (g1, x.grad)
case("hook returning a new grad", hook_modifies)

def hooks_in_order():
    x = torch.tensor([1., 2.], requires_grad=True)
    calls = []
    x.register_hook(lambda g: calls.append(g.tolist()))
    x.register_hook(lambda g: g + 1)
    (x * 3).sum().backward()
    return (x.grad, calls)
case("two hooks", hooks_in_order)

def hook_wrong_shape():
    x = torch.tensor([1., 2.], requires_grad=True)
    x.register_hook(lambda g: torch.ones(3))
    x.sum().backward()
case("hook changing the size", hook_wrong_shape)

def hook_no_grad():
    torch.tensor([1, 2]).register_hook(lambda g: g)
case("hook without grad", hook_no_grad)

def backward_twice():
    x = torch.tensor([1., 2., 3.], requires_grad=True)
    y = (x * x).sum()
    y.backward()
    y.backward()
case("backward twice", backward_twice)

def backward_twice_exp():
    x = torch.tensor([1., 2., 3.], requires_grad=True)
    y = x.exp().sum()
    y.backward()
    y.backward()
case("backward twice through exp", backward_twice_exp)

def retain_graph():
    x = torch.tensor([1., 2.], requires_grad=True)
    y = x * x
    y.backward(torch.ones(2), retain_graph=True)
    y.backward(torch.ones(2))
    return x.grad
case("retain_graph", retain_graph)

def nonscalar():
    x = torch.tensor([1., 2., 3.], requires_grad=True)
    (x * 2).backward()
case("non-scalar backward", nonscalar)

def nonscalar_gradient():
    x = torch.tensor([1., 2., 3.], requires_grad=True)
    (x * 2).backward(torch.tensor([1., 0., 2.]))
    return x.grad
case("non-scalar backward with a gradient", nonscalar_gradient)

def gradient_wrong_shape():
    x = torch.tensor([1., 2.], requires_grad=True)
    (x * 2).backward(torch.ones(3))
case("gradient of the wrong shape", gradient_wrong_shape)

def scalar_gradient():
    x = torch.tensor([1., 2.], requires_grad=True)
    x.sum().backward(torch.tensor(2.))
    return x.grad
case("scalar backward with a gradient", scalar_gradient)

def no_grad_backward():
    torch.tensor([1., 2.]).sum().backward()
case("backward of a tensor without grad", no_grad_backward)

def grad_allow_unused():
    x = torch.tensor([1., 2.], requires_grad=True)
    w = torch.tensor([3., 4.], requires_grad=True)
    return torch.autograd.grad((x * 2).sum(), [x, w], allow_unused=True)
case("autograd.grad allow_unused", grad_allow_unused)

def grad_unused():
    x = torch.tensor([1., 2.], requires_grad=True)
    w = torch.tensor([3., 4.], requires_grad=True)
    return torch.autograd.grad((x * 2).sum(), [x, w])
case("autograd.grad unused input", grad_unused)

def grad_materialize():
    x = torch.tensor([1., 2.], requires_grad=True)
    w = torch.tensor([3., 4.], requires_grad=True)
    return torch.autograd.grad((x * 2).sum(), [x, w], allow_unused=True, materialize_grads=True)
case("autograd.grad materialize_grads", grad_materialize)

def grad_outputs():
    a = torch.tensor([1., 2.], requires_grad=True)
    return torch.autograd.grad(a * 2, a, grad_outputs=torch.ones(2))
case("autograd.grad grad_outputs", grad_outputs)

def grad_nonscalar():
    a = torch.tensor([1., 2.], requires_grad=True)
    return torch.autograd.grad(a * 2, a)
case("autograd.grad non-scalar", grad_nonscalar)

def grad_not_requiring():
    a = torch.tensor([1., 2.], requires_grad=True)
    return torch.autograd.grad((a * 2).sum(), torch.tensor([1., 2.]))
case("autograd.grad of a tensor without grad", grad_not_requiring)

def grad_leaves_dot_grad():
    a = torch.tensor([1., 2.], requires_grad=True)
    g = torch.autograd.grad((a * 2).sum(), a)
    return (g, a.grad)
case("autograd.grad leaves .grad", grad_leaves_dot_grad)

def grad_retained():
    x = torch.tensor([1., 2.], requires_grad=True)
    y = x.sum()
    return torch.autograd.grad(y, x, retain_graph=True), torch.autograd.grad(y, x)
case("autograd.grad twice", grad_retained)

def requires_grad_int():
    torch.tensor([1, 2]).requires_grad_()
case("requires_grad_ on int64", requires_grad_int)

def requires_grad_int_false():
    x = torch.tensor([1, 2])
    x.requires_grad_(False)
    return x.requires_grad
case("requires_grad_(False) on int64", requires_grad_int_false)

def tensor_int_requires_grad():
    torch.tensor([1, 2], requires_grad=True)
case("torch.tensor int requires_grad", tensor_int_requires_grad)

def nonleaf_requires_grad_off():
    x = torch.tensor([1., 2.], requires_grad=True)
    (x * 2).requires_grad_(False)
case("requires_grad_(False) on a result", nonleaf_requires_grad_off)

def detach_():
    x = torch.tensor([1., 2.], requires_grad=True)
    y = x * 2
    y.detach_()
    return (y, y.requires_grad, y.is_leaf, y.grad_fn)
case("detach_", detach_)

def detach_shares():
    x = torch.tensor([1., 2.], requires_grad=True)
    y = x.detach()
    y.add_(1)
    return (x, y, x._version, y._version)
case("detach shares values and version", detach_shares)

def detach_requires_grad_():
    x = torch.tensor([1., 2.], requires_grad=True)
    y = x.detach().requires_grad_()
    (y * 3).sum().backward()
    return (x.grad, y.grad)
case("detach().requires_grad_()", detach_requires_grad_)

def grad_zero_():
    x = torch.tensor([1., 2.], requires_grad=True)
    (x * 3).sum().backward()
    x.grad.zero_()
    (x * x).sum().backward()
    return x.grad
case("x.grad.zero_()", grad_zero_)

def accumulate():
    x = torch.tensor([1., 2.], requires_grad=True)
    (x * 3).sum().backward()
    g = x.grad
    (x * 3).sum().backward()
    return (x.grad, g is x.grad)
case("accumulation in place", accumulate)

def grad_set_then_backward():
    x = torch.tensor([1., 2.], requires_grad=True)
    x.grad = torch.tensor([5., 5.])
    (x * 1).sum().backward()
    return x.grad
case("grad set, then backward", grad_set_then_backward)

def grad_set_wrong_shape():
    x = torch.tensor([1., 2.], requires_grad=True)
    x.grad = torch.tensor([5., 5., 5.])
case("grad set of another size", grad_set_wrong_shape)

def zero_grads():
    m = nn.Linear(2, 1)
    opt = torch.optim.SGD(m.parameters(), lr=0.1)
    m(torch.ones(1, 2)).sum().backward()
    opt.zero_grad()
    a = m.weight.grad
    m(torch.ones(1, 2)).sum().backward()
    opt.zero_grad(set_to_none=False)
    b = m.weight.grad
    m(torch.ones(1, 2)).sum().backward()
    m.zero_grad()
    c = m.weight.grad
    m(torch.ones(1, 2)).sum().backward()
    m.zero_grad(set_to_none=False)
    return (a, b, c, m.weight.grad, m.bias.grad)
case("zero_grad set_to_none", zero_grads)

def modes():
    x = torch.tensor([1., 2.], requires_grad=True)
    with torch.no_grad():
        y = x * 2
        with torch.enable_grad():
            z = x * 3
    with torch.set_grad_enabled(False):
        w = x * 2
    return (y.requires_grad, z.requires_grad, w.requires_grad, torch.is_grad_enabled())
case("no_grad / enable_grad / set_grad_enabled", modes)

def inference():
    x = torch.tensor([1., 2.], requires_grad=True)
    with torch.inference_mode():
        y = x * 2
        inside = (torch.is_grad_enabled(), torch.is_inference_mode_enabled())
    return (y.requires_grad, y.is_inference(), x.is_inference(), inside)
case("inference_mode", inference)

def inference_add_():
    with torch.inference_mode():
        y = torch.ones(2) * 2
    y.add_(1)
case("inference tensor add_ outside", inference_add_)

def no_grad_made():
    with torch.no_grad():
        x = torch.tensor([1., 2.], requires_grad=True)
        y = x * 2
    y.requires_grad_()
    (y * y).sum().backward()
    return (x.requires_grad, y.is_leaf, y.grad, x.grad)
case("made under no_grad", no_grad_made)

@torch.no_grad()
def doubled(x):
    return x * 2
case("no_grad decorator", lambda: doubled(torch.ones(2, requires_grad=True)).requires_grad)

def backward_inputs():
    a = torch.tensor([1., 2.], requires_grad=True)
    b = torch.tensor([3., 4.], requires_grad=True)
    (a * b).sum().backward(inputs=[a])
    return (a.grad, b.grad)
case("backward(inputs=)", backward_inputs)

def backward_list():
    a = torch.tensor([1., 2.], requires_grad=True)
    b = torch.tensor([3., 4.], requires_grad=True)
    torch.autograd.backward([(a * b).sum(), (a + b).sum()])
    return (a.grad, b.grad)
case("autograd.backward of a list", backward_list)

def requires_grad_on_result():
    x = torch.tensor([1., 2.], requires_grad=True)
    y = (x * 2).requires_grad_()
    z = x.clone().requires_grad_(True)
    return (y.is_leaf, y.requires_grad, z.is_leaf)
case("requires_grad_(True) on a result", requires_grad_on_result)

def requires_grad_attr_on_result():
    x = torch.tensor([1., 2.], requires_grad=True)
    y = x * 2
    y.requires_grad = True
case("requires_grad = True on a result", requires_grad_attr_on_result)

def requires_grad_attr_off_result():
    x = torch.tensor([1., 2.], requires_grad=True)
    y = x * 2
    y.requires_grad = False
case("requires_grad = False on a result", requires_grad_attr_off_result)

def item_augmented_versions():
    out = []
    x = torch.zeros(3); x[0] += 1; out.append(x._version)
    x = torch.zeros(3); x[1:] *= 2; out.append(x._version)
    x = torch.zeros(3); x[0] = 1; out.append(x._version)
    x = torch.zeros(3); v = x[1:]; v += 1; out.append((x._version, v._version))
    x = torch.zeros(3); x += 1; out.append(x._version)
    x = torch.zeros(3, 2); x[0][1] = 1; out.append(x._version)
    return out
case("versions of x[i] += v", item_augmented_versions)

def item_augmented_saved():
    x = torch.ones(3, requires_grad=True)
    y = x.exp()
    y[1:] *= 2
    y.sum().backward()
case("y[1:] *= 2 on exp's result", item_augmented_saved)

def copy_slices_name():
    x = torch.ones(3, requires_grad=True)
    y = x * 2
    y[0] = 7
    y.sum().backward()
    return (x.grad, y.grad_fn.name())
case("y[0] = 7 on a result", copy_slices_name)
