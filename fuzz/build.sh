#!/usr/bin/env bash
# Builds the libFuzzer harnesses (fuzz/harnesses/*.swift) into fuzz/bin/.
#
# The library targets are built once by SwiftPM in their own build folder (.build-fuzz) with
# libFuzzer's coverage and AddressSanitizer; each harness is then compiled with swiftc and
# linked against their object files (SwiftPM renames an executable target's `main`, so a
# harness cannot be a SwiftPM executable). Usage: fuzz/build.sh [HARNESS…]
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD=.build-fuzz
SAN=-sanitize=fuzzer,address
mkdir -p fuzz/bin
swift build --build-path "$BUILD" --target InceptionREPL -Xswiftc "$SAN" -Xswiftc -g > fuzz/bin/build.log 2>&1 \
    || { grep -E "error:" fuzz/bin/build.log >&2; echo "fuzz/build.sh: the instrumented build failed (fuzz/bin/build.log)" >&2; exit 1; }
BIN=$(swift build --build-path "$BUILD" --show-bin-path)
[ -f "$BIN/Modules/InceptionREPL.swiftmodule" ] || { echo "fuzz/build.sh: the instrumented build failed" >&2; exit 1; }

objects=()
# Every library target the REPL links (its dependencies, `swift package describe` lists them).
for target in CKernels InceptionRuntime InceptionModel InceptionImaging InceptionTraining InceptionLanguage \
              InceptionNetworkBuiltins InceptionCurriculum InceptionREPL; do
    objects+=("$BIN/$target.build/"*.o)
done
modulemaps=()
for m in CBLAS CPNG CJPEG CReadline; do modulemaps+=(-Xcc "-fmodule-map-file=Sources/$m/module.modulemap"); done
modulemaps+=(-Xcc "-fmodule-map-file=$BIN/CKernels.build/module.modulemap" -Xcc -ISources/CKernels/include)
cflags=()
for f in $(pkg-config --cflags openblas libpng); do cflags+=(-Xcc "$f"); done
libs=($(pkg-config --libs openblas libpng) -ljpeg -lreadline)

harnesses=("$@")
[ ${#harnesses[@]} -gt 0 ] || harnesses=(Parser Interpreter Values REPL Npy SafeTensors Images Progress)
for h in "${harnesses[@]}"; do
    echo "building fuzz/bin/$h"
    swiftc -parse-as-library "$SAN" -g -Onone -enable-testing -module-name "Fuzz$h" \
        -I "$BIN/Modules" "${modulemaps[@]}" "${cflags[@]}" \
        fuzz/harnesses/Common.swift "fuzz/harnesses/$h.swift" "${objects[@]}" "${libs[@]}" -o "fuzz/bin/$h" \
        > "fuzz/bin/$h.log" 2>&1 || { grep -v "Cannot export local symbol" "fuzz/bin/$h.log" >&2; exit 1; }
done
