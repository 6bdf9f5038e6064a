# F.grid_sample's padding modes (zeros, border, reflection) under both align_corners, with
# the gradients to the input and the grid; a rotation through F.affine_grid.
import torch
import torch.nn.functional as F

img = torch.arange(16.).view(1, 1, 4, 4)
theta = torch.tensor([[[0.5, 0.0, 0.2], [0.0, 0.5, -0.1]]])
for align in [False, True]:
    g = F.affine_grid(theta, (1, 1, 3, 3), align_corners=align) * 2.5
    for mode in ["bilinear", "nearest"]:
        for padding in ["zeros", "border", "reflection"]:
            print(align, mode, padding)
            print(F.grid_sample(img, g, mode=mode, padding_mode=padding, align_corners=align))

# far outside: several reflections
far = torch.tensor([[[[-7.3, 2.9], [5.2, -3.6]], [[9.9, -0.2], [0.0, 1.0]]]])
print(F.grid_sample(img, far, padding_mode="reflection", align_corners=False))
print(F.grid_sample(img, far, padding_mode="reflection", align_corners=True))
one = torch.arange(3.).view(1, 1, 1, 3)
print(F.grid_sample(one, far, padding_mode="reflection", align_corners=True))

# gradients to the input and the grid
for padding in ["border", "reflection"]:
    for align in [False, True]:
        x = torch.randn(1, 2, 4, 5, requires_grad=True)
        grid = (torch.rand(1, 3, 3, 2) * 4 - 2).requires_grad_(True)
        out = F.grid_sample(x, grid, padding_mode=padding, align_corners=align)
        (out * torch.arange(18.).view(1, 2, 3, 3)).sum().backward()
        print(padding, align, out.grad_fn.name())
        print(x.grad)
        print(grid.grad)
# the identity grid with align_corners=True puts points on the border: no gradient there
base = torch.tensor([[[1.0, 0.0, 0.0], [0.0, 1.0, 0.0]]], requires_grad=True)
g = F.affine_grid(base, (1, 1, 3, 3), align_corners=True)
F.grid_sample(img[:, :, :3, :3], g, padding_mode="border", align_corners=True).sum().backward()
print(base.grad)

ang = torch.tensor(0.3)
rot = torch.stack([torch.stack([ang.cos(), -ang.sin(), torch.tensor(0.)]),
                   torch.stack([ang.sin(), ang.cos(), torch.tensor(0.)])]).unsqueeze(0)
print(F.grid_sample(img, F.affine_grid(rot, img.shape, align_corners=False), padding_mode="reflection", align_corners=False))
try:
    F.grid_sample(img, far, padding_mode="mirror")
except ValueError as e:
    print("ValueError", e)
