# training-script helper classes: an AverageMeter printing through self.__dict__, an early-stopping
# rule called through __call__, vars() and __dict__ (live: update sets attributes), history dicts
import torch
class AverageMeter:
    """Computes and stores the average and current value"""
    def __init__(self, name, fmt=":f"):
        self.name = name
        self.fmt = fmt
        self.reset()
    def reset(self):
        self.val = 0
        self.avg = 0
        self.sum = 0
        self.count = 0
    def update(self, val, n=1):
        self.val = val
        self.sum += val * n
        self.count += n
        self.avg = self.sum / self.count
    def __str__(self):
        fmtstr = "{name} {val" + self.fmt + "} ({avg" + self.fmt + "})"
        return fmtstr.format(**self.__dict__)
m = AverageMeter("Loss", ":.4f")
for v in [0.5, 0.25, 0.125]:
    m.update(v, 2)
print(m, m.avg)
class EarlyStopping:
    def __init__(self, patience=2):
        self.patience = patience
        self.best = float("inf")
        self.bad = 0
    def __call__(self, loss):
        if loss < self.best:
            self.best, self.bad = loss, 0
        else:
            self.bad += 1
        return self.bad >= self.patience
stop = EarlyStopping()
print([stop(l) for l in [1.0, 0.9, 0.95, 0.97, 0.8]])
history = {"train_loss": [], "val_acc": []}
for epoch in range(3):
    history["train_loss"].append(1.0 / (epoch + 1))
    history["val_acc"].append(0.5 + 0.1 * epoch)
best_epoch = max(range(len(history["val_acc"])), key=lambda i: history["val_acc"][i])
print(f"best epoch {best_epoch + 1}: {history['val_acc'][best_epoch]:.2%}", {k: len(v) for k, v in history.items()})
class P:
    def __init__(self):
        self.a = 1
        self.b = [2]
p = P()
print(vars(p), p.__dict__)
p.__dict__.update({'c': 3, 'a': 0})
print(p.a, p.c, vars(p))
class Opts:
    def __init__(self, **kwargs):
        self.__dict__.update(kwargs)
print(Opts(lr=0.1, epochs=2).lr, vars(Opts(x=1)))
s = "epoch=3,lr=0.1"
cfg = dict(kv.split("=") for kv in s.split(","))
print(cfg, {k: float(v) for k, v in cfg.items()})
