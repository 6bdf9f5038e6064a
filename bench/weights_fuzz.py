"""Fuzz the weight-file readers with malformed and unusual safetensors files.

Generates files (truncated at every region, absurd header lengths, bad JSON, bad offsets,
bad dtypes and shapes, duplicate keys, non-UTF-8, other formats, a directory, an empty
file, ...) into a scratch folder, then gives each one to

  * `inception forward --weights F --random 1,3,64,64 --top 0`
  * `inception features --weights F --module conv1`
  * a program calling `safetensors.torch.load_file(F)`
  * a program calling `torch.load(F)`

and checks that every run ends in at most one error line and never by a signal (exit status
>= 128), a hang (timeout) or a huge allocation (each run's address space is limited to
MAX_MEMORY_GB, so one ends in a trap, counted as a problem). Prints one line per problem and
the counts.

    python3 bench/weights_fuzz.py [--binary .build/release/inception] [--quick]

Plain Python 3, no packages needed. --quick runs only the first two commands.
"""
import argparse
import json
import os
import re
import struct
import subprocess
import sys
import tempfile
import time

TIMEOUT = 60           # seconds: a hang
MAX_MEMORY_GB = 8      # address-space limit of each run: a huge allocation traps


def st(header, data=b"", length=None):
    """A safetensors file: 8-byte little-endian header length, the header, the data."""
    h = header if isinstance(header, bytes) else json.dumps(header).encode()
    return struct.pack("<Q", len(h) if length is None else length) + h + data


def one(dtype="F32", shape=(4,), offsets=(0, 16), name="w"):
    return {name: {"dtype": dtype, "shape": list(shape), "data_offsets": list(offsets)}}


def cases():
    good = st(one(), bytes(16))
    out = {}
    # truncated at every byte of the file: length, header and data regions
    for cut in range(len(good)):
        out["truncated_%03d" % cut] = good[:cut]
    out["empty"] = b""
    for n in [len(good), 2**31, 2**32 + 5, 2**62, 2**63, 2**64 - 1, 100_000_001]:
        out["length_%d" % n] = struct.pack("<Q", n) + good[8:]
    out["length_zero"] = struct.pack("<Q", 0) + good[8:]
    out["invalid_json"] = st(b"{not json", bytes(16))
    out["json_array"] = st(b"[1,2,3]")
    out["json_string"] = st(b'"w"')
    out["json_number"] = st(b"42")
    out["json_null"] = st(b"null")
    out["nested_deep"] = st(b"[" * 100_000 + b"]" * 100_000)
    out["nested_deep_object"] = st(b'{"a":' * 50_000 + b"1" + b"}" * 50_000)
    out["non_utf8_key"] = st(b'{"w\xff\xfe":{"dtype":"F32","shape":[4],"data_offsets":[0,16]}}', bytes(16))
    out["non_utf8_garbage"] = st(bytes(range(128, 256)), bytes(16))
    out["nul_bytes_header"] = st(b"\x00" * 64, bytes(16))
    out["spaces_header"] = st(b" " * 64, bytes(16))
    out["entry_not_object"] = st({"w": [1, 2]})
    out["entry_missing_dtype"] = st({"w": {"shape": [4], "data_offsets": [0, 16]}}, bytes(16))
    out["entry_missing_shape"] = st({"w": {"dtype": "F32", "data_offsets": [0, 16]}}, bytes(16))
    out["entry_missing_offsets"] = st({"w": {"dtype": "F32", "shape": [4]}}, bytes(16))
    out["dtype_number"] = st(one(dtype=3), bytes(16))
    out["dtype_unknown"] = st(one(dtype="F8_E4M3", offsets=(0, 4)), bytes(4))
    out["dtype_bool"] = st(one(dtype="BOOL", offsets=(0, 4)), bytes(4))
    out["dtype_lowercase"] = st(one(dtype="f32"), bytes(16))
    out["shape_negative"] = st(one(shape=(-4,)), bytes(16))
    out["shape_float"] = st(one(shape=(4.0,)), bytes(16))
    out["shape_string"] = st({"w": {"dtype": "F32", "shape": "4", "data_offsets": [0, 16]}}, bytes(16))
    out["shape_huge"] = st(one(shape=(2**40, 2**40)), bytes(16))
    out["shape_overflow_exact"] = st(one(shape=(2**31, 2**31, 4)), bytes(16))
    out["shape_overflow_to_zero"] = st(one(shape=(2**32, 2**32), offsets=(0, 0)))
    out["shape_bignum"] = st(b'{"w":{"dtype":"F32","shape":[18446744073709551617],"data_offsets":[0,16]}}', bytes(16))
    out["shape_huge_offsets_match"] = st(one(shape=(2**28,), offsets=(0, 2**30)), bytes(16))
    out["shape_many_dims"] = st(one(shape=(1,) * 10_000), bytes(16))
    out["shape_empty_strides_overflow"] = st(one(shape=(0, 2**62, 2**62), offsets=(0, 0)))
    out["shape_empty_wide"] = st(one(shape=(2**40, 0), offsets=(0, 0)))
    out["shape_zero_dim_wrong_bytes"] = st(one(shape=(0, 2**62)), bytes(16))
    out["offsets_reversed"] = st(one(offsets=(16, 0)), bytes(16))
    out["offsets_negative"] = st(one(offsets=(-16, 0)), bytes(16))
    out["offsets_past_end"] = st(one(offsets=(4, 20)), bytes(16))
    out["offsets_huge"] = st(one(offsets=(2**63 - 16, 2**63 - 1 + 1 - 1)), bytes(16))
    out["offsets_three"] = st({"w": {"dtype": "F32", "shape": [4], "data_offsets": [0, 8, 16]}}, bytes(16))
    out["offsets_wrong_size"] = st(one(offsets=(0, 12)), bytes(16))
    out["offsets_float"] = st({"w": {"dtype": "F32", "shape": [4], "data_offsets": [0.0, 16.0]}}, bytes(16))
    two = {**one(name="a", offsets=(0, 16)), **one(name="b", offsets=(8, 24))}
    out["offsets_overlap"] = st(two, bytes(24))
    same = {**one(name="a", offsets=(0, 16)), **one(name="b", offsets=(0, 16))}
    out["offsets_shared"] = st(same, bytes(16))
    out["duplicate_keys"] = st(b'{"w":{"dtype":"F32","shape":[4],"data_offsets":[0,16]},"w":{"dtype":"F32","shape":[4],"data_offsets":[0,16]}}', bytes(16))
    out["metadata_not_object"] = st({"__metadata__": 3, **one()}, bytes(16))
    out["metadata_value_number"] = st({"__metadata__": {"a": 1}, **one()}, bytes(16))
    out["only_metadata"] = st({"__metadata__": {"format": "pt"}})
    out["empty_object"] = st({})
    out["zero_size_tensor"] = st(one(shape=(0, 3), offsets=(0, 0)))
    out["scalar_tensor"] = st(one(shape=(), offsets=(0, 4)), bytes(4))
    out["trailing_garbage"] = good + b"garbage"
    out["misaligned_data"] = st(b'{"w":{"dtype":"F32","shape":[4],"data_offsets":[0,16]}} ', bytes(16))
    # other formats given instead
    out["torch_zip.pt"] = b"PK\x03\x04" + bytes(60)
    out["pickle.pth"] = b"\x80\x02" + bytes(60)
    out["numpy.npy"] = b"\x93NUMPY\x01\x00v\x00{'descr': '<f4', 'fortran_order': False, 'shape': (4,), }" + bytes(16)
    out["onnx.onnx"] = b"\x08\x07\x12\x07pytorch\x1a\x032.1" + bytes(40)
    out["png.png"] = b"\x89PNG\r\n\x1a\n" + bytes(40)
    out["text.txt"] = b"hello, these are not weights\n"
    return out


def run(cmd, cwd):
    """(exit status, stderr lines, seconds); status -N for a signal, None on timeout."""
    start = time.time()
    def limit():
        import resource
        cap = MAX_MEMORY_GB << 30
        resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
    p = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, preexec_fn=limit)
    try:
        out, err = p.communicate(timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        p.kill()
        p.communicate()
        return None, ["timeout"], TIMEOUT
    # a program's error shows its source line and a caret under it ("   3 | ...", "     |   ^"): not extra lines
    lines = [l for l in err.decode(errors="replace").splitlines() if l.strip() and not re.match(r"\s*(\d*\s*\||fix:)", l)]
    return p.returncode, lines, time.time() - start


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--binary", default=".build/release/inception")
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--only", default="", help="run only cases whose name contains this")
    args = ap.parse_args()
    binary = os.path.abspath(args.binary)
    work = tempfile.mkdtemp(prefix="weights-fuzz-")
    files = cases()
    os.mkdir(os.path.join(work, "a_directory.safetensors"))
    names = sorted(files) + ["a_directory.safetensors"]
    for name, data in files.items():
        with open(os.path.join(work, name if "." in name else name + ".safetensors"), "wb") as f:
            f.write(data)
    problems = 0
    runs = 0
    for name in names:
        if args.only and args.only not in name:
            continue
        path = os.path.join(work, name if "." in name else name + ".safetensors")
        commands = {
            "forward": [binary, "forward", "--weights", path, "--random", "1,3,64,64", "--top", "0"],
            "features": [binary, "features", "--weights", path, "--module", "conv1", "--out", os.path.join(work, "f.png")],
        }
        if not args.quick:
            for fn in ["safetensors.torch.load_file", "torch.load"]:
                prog = os.path.join(work, "prog_%s.py" % fn.replace(".", "_"))
                with open(prog, "w") as f:
                    # touch every tensor: its strides and a reshape trap on a shape that should have been refused
                    f.write("import torch\nimport safetensors.torch\nd = %s(%r)\n"
                            "print([(k, v.shape, v.stride(), v.reshape(-1).shape) for k, v in d.items()])\n" % (fn, path))
                commands[fn] = [binary, "run", prog]
        for what, cmd in commands.items():
            runs += 1
            status, lines, secs = run(cmd, work)
            bad = None
            if status is None:
                bad = "hang (over %ds)" % TIMEOUT
            elif status < 0 or status >= 128:
                bad = "signal/trap (status %s)" % status
            elif status != 0 and len(lines) != 1:
                bad = "%d error lines" % len(lines)
            elif status != 0 and not lines[0].strip():
                bad = "empty error line"
            if bad:
                problems += 1
                print("PROBLEM %-28s %-30s %s: %s" % (name, what, bad, " | ".join(lines[:3])[:300]))
            elif os.environ.get("VERBOSE"):
                print("ok      %-28s %-30s %s %.1fs: %s" % (name, what, status, secs, (lines[0] if lines else "")[:200]))
    print("%d runs over %d files, %d problems" % (runs, len(names), problems))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
