# `try: import X / except ImportError:` runs the fallback where a module is not provided
try:
    import tqdm
    has_tqdm = True
except ImportError:
    has_tqdm = False
print("tqdm available:", has_tqdm)
try:
    import torch.nonexistent_module
except ModuleNotFoundError as e:
    print(type(e).__name__, e)
try:
    from torch.utils.data.dataset import DataLoader
except ImportError as e:
    print(type(e).__name__, str(e).split(" (")[0])
try:
    from torch.utils.data import DataLoader, NoSuchThing
except ImportError as e:
    print(type(e).__name__, str(e).split(" (")[0])
try:
    import definitely_not_a_module
except Exception as e:
    print(isinstance(e, ImportError), type(e).__name__, e)
