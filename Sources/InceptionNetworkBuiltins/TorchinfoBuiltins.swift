import InceptionLanguage
import InceptionModel
import InceptionRuntime

/// `from torchinfo import summary`: torchinfo 1.8.0's summary(), from a shape-only pass
/// (`TorchinfoSummary`). It prints the table, as torchinfo does in a script (verbose=1), and
/// returns the statistics: printed, the same table; read, `total_params`, `trainable_params`,
/// `total_mult_adds` and the byte counts. The mult-adds line names its unit as torchinfo does
/// under Python 3.11 ("Units.GIGABYTES"; `UnitNames`).
///
///     summary(model, input_size=(1, 3, 224, 224))
///     stats = summary(model, input_data=x, col_names=("input_size", "output_size", "num_params"), depth=2, verbose=0)
extension Interpreter {
    static func torchinfoNamespace() -> Value {
        let signature = Signature("summary", [("model", nil), ("input_size", Value.none), ("input_data", Value.none), ("batch_dim", Value.none),
                                              ("cache_forward_pass", Value.none), ("col_names", Value.none), ("col_width", .int(25)),
                                              ("depth", .int(3)), ("device", Value.none), ("dtypes", Value.none), ("mode", Value.none),
                                              ("row_settings", Value.none), ("verbose", Value.none)])
        let summary = BuiltinRegistry.function(signature) { interpreter, a in
            let model = try a.module("model")
            let shape = try torchinfoInput(a)
            let columns = try torchinfoColumns(a["col_names"])
            guard try a.int("col_width") == TorchinfoColumn.width else {
                throw LanguageFailure("summary(): col_width=\(a["col_width"].repr) is not supported here", fix: "leave col_width out (25)")
            }
            let mode: SummaryMode
            switch a["mode"] {
            case .none, .string("eval"): mode = .eval
            case .string("train"): mode = .train
            default: throw LanguageFailure("summary(): mode must be \"train\" or \"eval\", got \(a["mode"].repr)", as: .valueError)
            }
            if let settings = a["row_settings"].sequenceItems(), settings.contains(where: { !valuesEqual($0, .string("depth")) }) {
                throw LanguageFailure("summary(): row_settings=\(a["row_settings"].repr) is not supported here", fix: "leave row_settings out (\"depth\")")
            }
            let verbose = try a.optionalInt("verbose") ?? 1
            guard verbose == 0 || verbose == 1 else {
                throw LanguageFailure("summary(): verbose=\(verbose) is not supported here", fix: "verbose=1 prints the table, verbose=0 only returns it")
            }
            let depth = try a.int("depth")
            let stats: TorchinfoSummary
            do {
                stats = try TorchinfoSummary(model: model, input: shape, mode: mode, depth: depth, columns: columns)
            } catch let error as SummaryError {
                throw LanguageFailure("summary(): \(error.description)")
            }
            let table = stats.renderTable(unitNames: .enumNames)     // as under the Python 3.11 the fixtures are recorded with
            if verbose == 1 { interpreter.output(table) }
            return .object(ModelStatistics(stats, table: String(table.dropLast())))
        }
        return .namespace(Namespace("torchinfo", ["summary": summary]))
    }

    /// The input's shape, batch included: input_size, or input_data's shape; batch_dim puts a
    /// batch of 1 there.
    private static func torchinfoInput(_ a: BoundArguments) throws -> [Int] {
        var shape: [Int]
        if case .tensor(let x) = a["input_data"] {
            shape = x.shape
        } else if !a["input_data"].isNone {
            throw LanguageFailure("summary(): input_data must be one tensor here, got \(a["input_data"].typeName)", fix: "give input_data=x, or input_size=(N, C, H, W)")
        } else if let items = a["input_size"].sequenceItems(), a["input_size"].typeName != "str" {
            guard let dims = items.map(\.asInt) as? [Int], dims.allSatisfy({ $0 >= 0 }) else {
                throw LanguageFailure("summary(): input_size must be one shape of sizes, like (1, 3, 224, 224), got \(a["input_size"].repr)",
                                      fix: "a model of several inputs is not supported here")
            }
            shape = dims
        } else {
            throw LanguageFailure("summary(): give the input as input_size=(N, C, H, W) or input_data=x",
                                  fix: "the table's shapes come from one pass of that input")
        }
        if let batchDim = try a.optionalInt("batch_dim") {
            guard (0...shape.count).contains(batchDim) else { throw LanguageFailure("summary(): batch_dim=\(batchDim) is outside the input's \(shape.count) dims") }
            shape.insert(1, at: batchDim)
        }
        return shape
    }

    /// col_names, as torchinfo names them; its default (Output Shape, Param #) when not given.
    private static func torchinfoColumns(_ v: Value) throws -> [TorchinfoColumn] {
        guard !v.isNone else { return TorchinfoColumn.defaults }
        guard let items = v.sequenceItems(), v.typeName != "str" else {
            throw LanguageFailure("summary(): col_names must be a tuple of column names, got \(v.repr)")
        }
        return try items.map { item in
            guard case .string(let name) = item, let column = TorchinfoColumn(rawValue: name) else {
                throw LanguageFailure("summary(): \(item.repr) is not a valid column name",
                                      fix: "choose from " + TorchinfoColumn.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", "), as: .valueError)
            }
            return column
        }
    }
}

/// What torchinfo's summary() returns (its ModelStatistics): printed, the table.
final class ModelStatistics: NativeObject {
    let totals: TorchinfoSummary.Totals
    let table: String

    init(_ summary: TorchinfoSummary, table: String) {
        (totals, self.table) = (summary.totals, table)
        super.init(typeName: "ModelStatistics")
    }

    override var repr: String { table }

    override func member(_ name: String) -> Value? {
        switch name {
        case "total_params": return .int(totals.totalParams)
        case "trainable_params": return .int(totals.trainableParams)
        case "total_mult_adds": return .int(totals.totalMultAdds)
        case "total_input": return .int(totals.inputBytes)
        case "total_output_bytes": return .int(totals.forwardBackwardBytes)
        case "total_param_bytes": return .int(totals.paramsBytes)
        default: return nil
        }
    }
}
