#!/usr/bin/env bash
# Runs every libFuzzer harness for SECONDS seconds each on its corpus (fuzz/corpus/NAME, kept
# as committed: new inputs go to a scratch folder) and says how many inputs each ran.
# Usage: fuzz/run.sh SECONDS [HARNESS…]   (build first with fuzz/build.sh)
# A crash leaves crash-*/timeout-*/oom-* files in fuzz/findings/ and makes the script fail.
set -uo pipefail
cd "$(dirname "$0")/.."
seconds=${1:?usage: fuzz/run.sh SECONDS [HARNESS…]}; shift
harnesses=("$@")
[ ${#harnesses[@]} -gt 0 ] || harnesses=(Parser Interpreter Values REPL Npy SafeTensors Images Progress)
mkdir -p fuzz/findings
status=0
for h in "${harnesses[@]}"; do
    corpus=fuzz/corpus/$(echo "$h" | tr '[:upper:]' '[:lower:]')
    scratch=$(mktemp -d)
    # Cycles made on purpose by a program (a = []; a.append(a)) are leaks by design there.
    leaks=1; case $h in Interpreter|REPL) leaks=0 ;; esac
    log=fuzz/findings/$h.log
    ASAN_OPTIONS=detect_leaks=$leaks LSAN_OPTIONS=suppressions=fuzz/lsan.supp fuzz/bin/$h "$scratch" "$corpus" -max_total_time="$seconds" -timeout=20 -rss_limit_mb=2048 -max_len=8192 \
        -detect_leaks=$leaks -artifact_prefix="fuzz/findings/$h-" -print_final_stats=1 > "$log" 2>&1
    rc=$?
    runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo "?")
    if [ $rc -eq 0 ]; then echo "$h: $runs inputs, no crash"; else echo "$h: FAILED after $runs inputs (see $log)"; tail -30 "$log" | grep -E "ERROR|SUMMARY|Fatal|Test unit written" ; status=1; fi
    rm -rf "$scratch"
done
exit $status
