import Foundation
import InceptionRuntime

/// What one `inception bench` run measured (BenchMeasurement.swift), and its two renderings:
/// the report for people and the JSON object for scripts.
struct BenchResult {
    struct Layer { let path: String, kind: String, ms: Double, multAdds: Int }
    let batch: Int, mode: String, trace: String, winograd: String, repeats: Int
    let useFastPath: Bool, recording: Bool
    let sgemmPeak: Double                          // GFLOP/s of one 2048³ sgemm, measured first
    let compileMs: Double
    let activationBytes: Int?, unsharedActivationBytes: Int?     // nil on the reference path
    let times: [Double], untracedTimes: [Double]   // ms per forward pass
    let recordedOutputs: Int, recordedBytes: Int, readRecordedMs: Double
    let slowest: [Layer]
    let layerTotal: Double                         // ms, all timed layers
    let flopsPerImage: Double

    var median: Double { Self.median(times) }
    var minimum: Double { times.min()! }
    var untracedMedian: Double? { untracedTimes.isEmpty ? nil : Self.median(untracedTimes) }
    var gflops: Double { flopsPerImage * Double(batch) / (median / 1000) / 1e9 }
    var timedPasses: Int { min(5, repeats) }
    var path: String {
        let fused = mode == "train" ? "BatchNorm from batch statistics, aux heads" : "BatchNorm folded, ReLU fused"
        return useFastPath ? "fast path (\(fused), Winograd \(winograd)\(recording ? ", every module's output recorded" : ""))"
                           : "reference path" + (trace == "none" ? "" : " with trace \(trace)")
    }

    static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted(), n = sorted.count
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2
    }

    /// `--json`: one object, keys sorted.
    func json() throws -> String {
        let median = self.median, gflops = self.gflops, peak = sgemmPeak
        let object: [String: Any] = [
            "median_ms": round3(median), "min_ms": round3(minimum), "images_per_s": round3(Double(batch) / median * 1000),
            "gflops": round3(gflops), "sgemm_peak_gflops": round3(peak), "ratio_to_peak": round3(gflops / peak),
            "kernel": OpenBLAS.coreName, "threads": OpenBLAS.threads, "batch": batch, "mode": mode,
            "trace": trace, "path": useFastPath ? "fast" : "reference",
            "winograd": useFastPath ? winograd : "off",
            "activation_bytes": activationBytes ?? 0, "compile_ms": activationBytes == nil ? NSNull() : round3(compileMs),
            "untraced_median_ms": untracedMedian.map(round3) ?? NSNull(), "trace_cost": untracedMedian.map { round3(median / $0) } ?? NSNull(),
            "recorded_outputs": recordedOutputs, "read_recorded_ms": round3(readRecordedMs), "recorded_bytes": recordedBytes,
            "c_kernels": CKernelsBuild.instructionSet, "gemm": CKernelsBuild.gemmVariant, "repeat": repeats,
            "gflop_per_image": round3(flopsPerImage / 1e9),
            "slowest_layers": slowest.map { ["path": $0.path, "type": $0.kind, "ms": round3($0.ms), "share": round3($0.ms / layerTotal),
                                              "gflops": round3($0.ms > 0 ? 2 * Double($0.multAdds) / ($0.ms / 1000) / 1e9 : 0)] },
        ]
        let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .prettyPrinted])
        return String(decoding: data, as: UTF8.self)
    }

    /// The report: the figures, then the slowest layers.
    func report() -> String {
        let median = self.median, gflops = self.gflops
        var lines = ["Inception V1 (seed), batch \(batch), \(mode) mode, \(path)",
                     "kernels    \(OpenBLAS.kernelDescription); \(CKernelsBuild.description)",
                     String(format: "forward    median %.2f ms, min %.2f ms over %d runs", median, minimum, repeats),
                     String(format: "throughput %.1f images/s, %.1f GFLOP/s effective (%.2f GFLOP per image)", Double(batch) / median * 1000, gflops, flopsPerImage / 1e9),
                     String(format: "sgemm peak %.1f GFLOP/s measured now (2048³): the forward pass reaches %.0f%% of it", sgemmPeak, 100 * gflops / sgemmPeak)]
        if let activationBytes, let unsharedActivationBytes {
            lines.append(String(format: "compiled   in %.0f ms, once: BatchNorm folded into the weights, which are then transformed (Winograd) and packed for the GEMM", compileMs))
            lines.append(String(format: "activations %.1f MB in one arena (%.1f MB if no two buffers shared memory)",
                                Double(activationBytes) / 1e6, Double(unsharedActivationBytes) / 1e6))
        }
        if let untracedMedian {
            lines.append(String(format: "untraced   median %.2f ms, runs of the fast path taken in turn with the traced ones: the trace costs %.2f×",
                                untracedMedian, median / untracedMedian))
        }
        if trace == "record" {
            lines.append(String(format: "recorder   %d module outputs kept (%.1f MB as tensors); reading every one of them once took %.1f ms%@",
                                recordedOutputs, Double(recordedBytes) / 1e6, readRecordedMs,
                                recording ? " (the Conv2d and BatchNorm outputs that fusion never writes are computed when first read)" : ""))
        }
        guard !slowest.isEmpty else { return lines.joined(separator: "\n") }
        lines.append("\nthe \(slowest.count) slowest layers (median of \(timedPasses) timed passes; GFLOP/s for those that multiply):")
        for layer in slowest {
            let (ms, macs, label) = (layer.ms, layer.multAdds, layer.path)
            let rate = macs > 0 && ms > 0 ? String(format: "%6.1f GFLOP/s", 2 * Double(macs) / (ms / 1000) / 1e9) : String(repeating: " ", count: 13)
            lines.append(String(format: "  %6.2f ms  %5.1f%%  %@  %@  %@", ms, 100 * ms / layerTotal, rate,
                                label.padding(toLength: max(label.count, 44), withPad: " ", startingAt: 0), layer.kind))
        }
        return lines.joined(separator: "\n")
    }
}

private func round3(_ x: Double) -> Double { (x * 1000).rounded() / 1000 }
