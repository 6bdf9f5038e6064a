"""What the differential fuzzers share: run a program in the reference Python and here, and
count the programs by outcome (identical, differing, crashed or hung)."""
import os, subprocess, tempfile


def run(command, path, timeout):
    """(stdout, exit status, stderr) of `command path`, or (None, None, "timeout")."""
    try:
        done = subprocess.run(command + [path], capture_output=True, text=True, timeout=timeout)
        return done.stdout, done.returncode, done.stderr
    except subprocess.TimeoutExpired:
        return None, None, "timeout"


def crashed(got, code, err):
    """A run that did not finish as a program does: a hang, a signal, a Swift trap."""
    return got is None or (code is not None and code >= 128) or "Fatal error" in err or "Backtracing" in err


def compare_all(args, prefix, program, difference, timeout):
    """Writes program(seed) for each seed, runs it in args.python and in args.inception, and
    reports: difference(expected, got) is None when they agree, else what to print. Exits 1 on a crash."""
    folder = tempfile.mkdtemp(prefix=prefix)
    same, differ, broken = 0, [], []
    for seed in range(args.seed, args.seed + args.count):
        path = os.path.join(folder, f"p{seed}.py")
        with open(path, "w") as f:
            f.write(program(seed))
        expected, _, _ = run([args.python], path, timeout)
        got, code, err = run([args.inception, "run"], path, timeout)
        if crashed(got, code, err):
            broken.append(path)
            continue
        found = difference(expected, got)
        if found is None:
            same += 1
        else:
            differ.append((path, found, err.strip().splitlines()[:1]))
    for path, found, err in differ:
        print(f"differs: {path}" + (f"\n{found}" if found else "") + (f"\n  stderr:  {err[0]}" if err and found else ""))
    for path in broken: print("CRASH OR HANG:", path)
    print(f"{same} identical, {len(differ)} differ, {len(broken)} crashed or hung (programs in {folder})")
    raise SystemExit(1 if broken else 0)
