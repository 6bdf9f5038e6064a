import Foundation
import InceptionRuntime

/// The three summaries as JSON (keys sorted, pretty-printed). The schema is documented in
/// docs/summary-json.md; every count is an integer, sizes in MB are the rounded figures
/// torchinfo prints, next to the exact byte counts.
public enum SummaryJSON {
    public static func object(_ s: TorchinfoSummary) -> [String: Any] {
        let t = s.totals
        let rows: [[String: Any]] = s.rows.map { row in
            let l = row.layer
            return [
                "path": l.path, "type": l.typeName, "depth": l.depth, "depth_index": l.depthIndex, "label": l.label,
                "input_shape": l.inputShape, "output_shape": l.outputShape,
                "params": l.params, "params_shown": row.shownParams, "params_text": row.paramsText,
                "mult_adds": row.multAdds, "is_leaf": l.isLeaf, "executed": l.executed, "is_recursive": l.isRecursive,
                "formula": nullable(row.formula),
            ]
        }
        return [
            "style": "torchinfo", "input": s.trace.input, "mode": s.trace.mode.rawValue, "depth": s.depth,
            "columns": s.columns.map(\.rawValue),
            "total_params": t.totalParams, "trainable_params": t.trainableParams,
            "non_trainable_params": t.nonTrainableParams, "total_mult_adds": t.totalMultAdds,
            "input_size_mb": mb(t.inputBytes), "forward_backward_size_mb": mb(t.forwardBackwardBytes),
            "params_size_mb": mb(t.paramsBytes), "estimated_total_size_mb": mb(t.estimatedTotalBytes),
            "input_bytes": t.inputBytes, "forward_backward_bytes": t.forwardBackwardBytes,
            "params_bytes": t.paramsBytes, "estimated_total_bytes": t.estimatedTotalBytes,
            "params_that_ran": t.paramsThatRan, "params_that_did_not_run": t.paramsThatDidNotRun,
            "modules_that_did_not_run": s.modulesThatDidNotRun.map { ["path": $0.path, "params": $0.params] },
            "rows": rows,
        ]
    }

    public static func object(_ p: PaperTable) -> [String: Any] {
        func channels(_ columns: [Int?]) -> [String: Any] {
            Dictionary(uniqueKeysWithValues: zip(PaperTable.Channels.keys, columns.map { nullable($0) }))
        }
        func quote(_ q: PaperQuote) -> [String: Any] {
            ["stage": q.stage, "type": q.type, "patch": nullable(q.patch), "output_size": q.outputSize, "depth": q.depth,
             "channels": channels(q.channels), "params": nullable(q.params), "ops": nullable(q.ops)]
        }
        let rows: [[String: Any]] = p.rows.map { r in
            [
                "path": r.path, "type": r.type, "module_type": r.moduleType, "patch": nullable(r.patch),
                "depth": r.depth, "output_shape": r.outputShape, "output_size": r.outputSize,
                "channels": channels(r.channels.columns), "params": r.params, "ops": r.ops,
                "params_formula": r.cost.paramsFormula, "ops_formula": r.cost.multAddsFormula,
                "paper": nullable(r.quote.map(quote)),
                "differences": r.differences.map { ["field": $0.field, "ours": $0.ours, "quoted": $0.quoted,
                                                     "agreement": $0.agreement.rawValue] },
            ]
        }
        return [
            "style": "paper", "input": p.input, "total_params": p.totalParams, "total_ops": p.totalOps,
            "total_mult_adds": p.totalOps, "compares_with_paper": p.comparesWithPaper,
            "paper_only_rows": p.quotedOnly.map(quote), "rows": rows,
        ]
    }

    public static func object(_ s: ReductionSavings) -> [String: Any] {
        func cost(_ c: ReductionSavings.Cost) -> [String: Any] {
            ["params": c.params, "mult_adds": c.multAdds, "output_channels": c.outputChannels,
             "params_formula": c.layers.paramsFormula, "mult_adds_formula": c.layers.multAddsFormula]
        }
        func number(_ r: Double?) -> Any { nullable(r.map { ($0 * 1000).rounded() / 1000 }) }
        var rows: [[String: Any]] = []
        for m in s.modules {
            let hw = Array(m.outputShape.dropFirst())
            for b in m.branches {
                rows.append([
                    "path": "\(m.path).\(b.name)", "module": m.path, "type": b.label,
                    "depth": b.withReduction.layers.parts.count,
                    "output_shape": [1, b.withReduction.outputChannels] + hw,
                    "params": b.withReduction.params, "mult_adds": b.withReduction.multAdds,
                    "with_reduction": cost(b.withReduction), "without_reduction": cost(b.withoutReduction),
                    "params_ratio": number(b.paramsRatio), "mult_adds_ratio": number(b.multAddsRatio),
                ])
            }
            rows.append([
                "path": m.path, "module": m.path, "type": "module",
                "depth": m.branches.map(\.withReduction.layers.parts.count).max() ?? 0,
                "output_shape": [1] + m.outputShape,
                "params": m.withReduction.params, "mult_adds": m.withReduction.multAdds,
                "with_reduction": cost(m.withReduction), "without_reduction": cost(m.naive),
                "params_ratio": number(m.paramsRatio), "mult_adds_ratio": number(m.multAddsRatio),
            ])
        }
        let with = total(s.modules.map(\.withReduction)), naive = total(s.modules.map(\.naive))
        return [
            "style": "savings", "input": s.input,
            "total_params": with.params, "total_mult_adds": with.multAdds,
            "naive_total_params": naive.params, "naive_total_mult_adds": naive.multAdds,
            "params_ratio": number(ratio(naive.params, with.params)),
            "mult_adds_ratio": number(ratio(naive.multAdds, with.multAdds)),
            "rows": rows,
        ]
    }

    public static func text(_ s: TorchinfoSummary) throws -> String { try serialise(object(s)) }
    public static func text(_ p: PaperTable) throws -> String { try serialise(object(p)) }
    public static func text(_ s: ReductionSavings) throws -> String { try serialise(object(s)) }
    public static func text(_ r: ReceptiveField) throws -> String { try serialise(r.json) }

    static func serialise(_ object: [String: Any]) throws -> String {
        let data = try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    /// A value, or JSON null.
    static func nullable<T>(_ value: T?) -> Any { value.map { $0 as Any } ?? NSNull() }

    /// The MB figure torchinfo prints, as a number: 103,253,120 bytes → 103.25.
    static func mb(_ bytes: Int) -> Double {
        Double(TorchinfoFormat.fixed2(TorchinfoSummary.Totals.megabytes(bytes))) ?? 0
    }
}
