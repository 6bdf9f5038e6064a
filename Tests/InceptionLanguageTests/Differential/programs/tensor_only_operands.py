# the functions PyTorch takes a second tensor for, not a number: torch.maximum(x, 0.0) and
# x.logical_and(1) are its TypeError (a 0-d tensor, or clamp_min for a bound, is what works)
import torch

x = torch.tensor([1.5, -2.0, 0.0])
for name in ["maximum", "minimum", "fmax", "fmin", "logaddexp", "logaddexp2", "logical_and", "logical_or",
             "logical_xor", "atan2", "hypot", "heaviside"]:
    for form, call in [("torch", lambda: getattr(torch, name)(x, 0.5)), ("method", lambda: getattr(x, name)(1)),
                       ("keyword", lambda: getattr(torch, name)(x, **{"values" if name == "heaviside" else "other": True}))]:
        try:
            print(name, form, call())
        except TypeError as e:
            print(name, form, "TypeError:", e)
print(torch.maximum(x, torch.tensor(0.5)), x.clamp_min(0.5), torch.logical_and(x, torch.tensor(True)))
print(torch.heaviside(x, torch.tensor(0.5)), torch.copysign(x, -1.0), torch.xlogy(x, 2.0))
