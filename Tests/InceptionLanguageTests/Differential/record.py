"""Records PyTorch's output for every differential program.

Each programs/NAME.py is run with PyTorch; what it prints goes to expected/NAME.txt. The
lesson language runs programs/NAME.inc when there is one (where the language must differ
from PyTorch's text), else the very same NAME.py, and DifferentialTests compares the two
outputs: the text exactly (runs of spaces as one), the numbers to 1e-4 relative.

Run it in a throwaway virtual environment with torch and torchinfo from PyPI:

    python3 -m venv /tmp/torch-venv && /tmp/torch-venv/bin/pip install torch torchinfo
    /tmp/torch-venv/bin/python Tests/InceptionLanguageTests/Differential/record.py
"""
import contextlib
import io
import pathlib
import sys

import torch

here = pathlib.Path(__file__).resolve().parent
programs = sorted((here / "programs").glob("*.py"))
(here / "expected").mkdir(exist_ok=True)
for path in programs:
    out = io.StringIO()
    torch.manual_seed(0)
    with contextlib.redirect_stdout(out):
        try:
            exec(compile(path.read_text(), str(path), "exec"), {"__name__": "__main__"})
        except SystemExit:
            pass        # a program may end as a script does: sys.exit(main())
    (here / "expected" / (path.stem + ".txt")).write_text(out.getvalue())
(here / "expected" / "VERSION").write_text(f"torch {torch.__version__}\npython {sys.version.split()[0]}\n")
print(f"recorded {len(programs)} programs with torch {torch.__version__}")
