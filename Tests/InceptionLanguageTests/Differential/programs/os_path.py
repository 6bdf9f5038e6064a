# os.path's string functions as posixpath computes them, and its file-system tests (read only)
import os
import os.path as osp
from os.path import join, splitext
print(os.path.join("runs", "exp1", "model.pt"), join("/a", "b/", "c"), join("a", "/abs", "x"), join("", "x"), join("a/", ""))
print(os.path.basename("/x/y.pt"), os.path.dirname("/x/y.pt"), os.path.dirname("file"), os.path.dirname("/"), os.path.dirname("//a//b"), os.path.split("a/b/c"))
print(splitext("f.png"), splitext("/a.b/c"), splitext(".bashrc"), splitext("a/..x"), splitext("x.tar.gz"), osp.splitext("noext"))
print(os.sep, os.path.exists("/definitely/not/here"), os.path.isdir("/"), os.path.isfile("/"), type(os.environ).__name__ in ("_Environ", "dict"))
