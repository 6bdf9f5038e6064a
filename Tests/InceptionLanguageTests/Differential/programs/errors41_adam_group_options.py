# Adam and AdamW check only their defaults (PyTorch's __init__): a parameter group's own lr, betas,
# eps or weight_decay is taken as given, even a negative lr; the defaults' betas are kept as a
# tuple (a list made one), a group's own as written.
import torch
for Opt in [torch.optim.Adam, torch.optim.AdamW]:
    for betas in [[0.8, 0.9], (0.8, 0.9)]:
        o = Opt([torch.nn.Parameter(torch.ones(2))], lr=0.1, betas=betas)
        print(Opt.__name__, betas, o.param_groups[0]['betas'], type(o.param_groups[0]['betas']).__name__)
    for g in [dict(lr=-1.0), dict(lr=-0.5, betas=[0.5, 0.6]), dict(betas=(0.95, 0.9)), dict(eps=0.0), dict(weight_decay=-0.1)]:
        p = torch.nn.Parameter(torch.tensor([1.0, -2.0]))
        q = torch.nn.Parameter(torch.tensor([0.5, 0.25]))
        o = Opt([{'params': [p], **g}, {'params': [q]}], lr=0.1)
        for _ in range(3):
            o.zero_grad()
            ((p * p).sum() + (q * q * q).sum()).backward()
            o.step()
        print(Opt.__name__, g, [o.param_groups[0][k] for k in g], [round(v, 4) for v in p.tolist()], [round(v, 4) for v in q.tolist()])
o = torch.optim.Adam([torch.nn.Parameter(torch.ones(2))], betas=[0.8, 0.9])
o.add_param_group({'params': [torch.nn.Parameter(torch.ones(2))], 'betas': [0.1, 0.2], 'lr': -5})
print(o)
