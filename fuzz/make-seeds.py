#!/usr/bin/env python3
"""Writes the seed corpora in fuzz/corpus/ from the lessons, the differential programs and
small hand-made files (run from the repository root; the result is committed)."""
import json, os, re, struct, zlib, glob

root = "fuzz/corpus"
def put(harness, name, data):
    d = os.path.join(root, harness); os.makedirs(d, exist_ok=True)
    if isinstance(data, str): data = data.encode()
    with open(os.path.join(d, name), "wb") as f: f.write(data)

# Scripts: every code cell of every lesson (and solution/starter), every differential program.
cells = []
for md in sorted(glob.glob("Lessons/*.md")):
    for i, c in enumerate(re.findall(r"```inception\n(.*?)```", open(md).read(), re.S)):
        cells.append((os.path.basename(md)[:-3] + f"-{i}", c))
for py in sorted(glob.glob("Tests/InceptionLanguageTests/Differential/programs/*.py")):
    cells.append((os.path.basename(py)[:-3], open(py).read()))
for name, code in cells:
    if len(code) > 6000: continue
    put("parser", name, code); put("interpreter", name, code)
for md in sorted(glob.glob("Lessons/0[1-3]*.md")):
    put("parser", os.path.basename(md), open(md).read()[:8000])
put("parser", "deep", "(" * 300 + "1" + ")" * 300)
put("interpreter", "autograd-chain", "x = tensor([1.0], requires_grad=True)\ny = x\nfor i in range(50):\n    y = y + 1\ny.sum().backward()\nprint(x.grad)\n")
put("interpreter", "cycle", "a = [1]\na.append(a)\nprint(a, a == a)\n")

# .npy
def npy(shape, descr="<f4", data=None, version=1):
    header = "{'descr': '%s', 'fortran_order': False, 'shape': (%s), }" % (descr, "".join(f"{d}, " for d in shape) if len(shape) != 1 else f"{shape[0]},")
    pad = 64 - (10 + len(header) + 1) % 64
    header = header + " " * pad + "\n"
    n = 1
    for d in shape: n *= d
    size = {"<f4": 4, "<f8": 8, "<i8": 8, "<i4": 4, "|u1": 1, "|b1": 1, "<f2": 2}.get(descr, 4)
    return b"\x93NUMPY" + bytes([version, 0]) + struct.pack("<H", len(header)) + header.encode() + (data if data is not None else bytes(range(256)) * (n * size // 256) + bytes(n * size % 256))
for i, (shape, descr) in enumerate([((2, 3), "<f4"), ((4,), "<f8"), ((), "<f4"), ((1, 2, 2, 2), "<i8"), ((3,), "|u1"), ((0, 5), "<f4"), ((2,), "<i4"), ((2, 2), "|b1")]):
    put("npy", f"seed{i}.npy", npy(shape, descr))

# safetensors
def st(tensors, meta=None):
    header, blob = {}, b""
    if meta: header["__metadata__"] = meta
    for name, (dtype, shape, data) in tensors.items():
        header[name] = {"dtype": dtype, "shape": shape, "data_offsets": [len(blob), len(blob) + len(data)]}
        blob += data
    h = json.dumps(header).encode()
    return struct.pack("<Q", len(h)) + h + blob
f4 = lambda n: struct.pack(f"<{n}f", *[i * 0.5 for i in range(n)])
put("safetensors", "one", st({"w": ("F32", [2, 3], f4(6))}))
put("safetensors", "two", st({"conv.weight": ("F32", [4, 3, 1, 1], f4(12)), "conv.bias": ("F32", [4], f4(4))}, {"format": "pt"}))
put("safetensors", "dtypes", st({"a": ("F64", [2], struct.pack("<2d", 1, 2)), "b": ("I64", [1], struct.pack("<q", 7)),
                                  "c": ("F16", [2], b"\x00\x3c\x00\x40"), "d": ("BF16", [1], b"\x80\x3f"), "e": ("U8", [3], b"abc")}))
put("safetensors", "scalar-empty", st({"s": ("F32", [], f4(1)), "z": ("F32", [0, 4], b"")}))

# PNG and JPEG: the lesson picture, the test pictures, a few small made ones.
def png(w, h, color=2, depth=8, interlace=0):
    ch = {0: 1, 2: 3, 4: 2, 6: 4}[color]
    raw = b"".join(b"\x00" + bytes((x * 7 + y * 13 + c) & 255 for x in range(w) for c in range(ch)) for y in range(h))
    chunk = lambda t, d: struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d) & 0xffffffff)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, depth, color, 0, 0, interlace)) + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")
for i, (w, h, c) in enumerate([(1, 1, 2), (5, 3, 2), (4, 4, 0), (3, 2, 6), (2, 2, 4)]):
    put("images", f"made{i}.png", png(w, h, c))
for p in sorted(glob.glob("Tests/TestSupport/Fixtures/pil/*.png"))[:2]:
    put("images", os.path.basename(p), open(p, "rb").read())
for p in glob.glob("fuzz/seeds-extra/*.jpg"):
    put("images", os.path.basename(p), open(p, "rb").read())

# progress.json
put("progress", "fresh", json.dumps({"schemaVersion": 1, "solved": [], "attempted": []}))
put("progress", "some", json.dumps({"schemaVersion": 1, "currentLesson": "03-the-stem", "cells": {"01": 3}, "solved": ["stem"], "attempted": ["stem", "naive"], "hintsShown": {"stem": 2}}))
put("progress", "future", json.dumps({"schemaVersion": 99}))
put("progress", "empty", "")

# REPL: a command byte then arguments (fuzz/harnesses/REPL.swift's table).
for i, arg in enumerate(["x 0 1", "x[0, :2, 1:3]", "1,3,32,32", "x", "conv", "x", "conv", "inception3a", "inception3a", "conv", "",
                         "0 -1", "[0]", "0 0", "32,32"]):
    put("repl", f"cmd{i}", bytes([i]) + arg.encode())

# Values: a few stack-machine programs.
put("values", "list-cycle", bytes([2, 5, 2, 7, 6, 2, 8, 0, 12, 3]) + b">8," )
put("values", "dict", bytes([2, 1, 3, 2, 104, 105, 7, 1, 9, 8, 1, 11, 2, 2, 3] + [0] * 48))
put("values", "floats", bytes([1]) + struct.pack("<d", 1e300) + bytes([1]) + struct.pack("<d", float("nan")) + bytes([12, 5]) + b".3e,%" + bytes([5, 2]))
