import ArgumentParser
import Foundation
import InceptionModel
import InceptionRuntime

/// `inception summary`: the parameter arithmetic of the seed network (or, with `--variant
/// torchvision`, of torchvision's GoogLeNet), as torchinfo prints it, as Table 1 of the paper
/// lays it out (seed only), or as the savings of the 1×1 reductions.
struct SummaryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "summary",
        abstract: "Print the torchinfo summary, the paper's Table 1 or the 1×1 reduction savings of Inception V1, computed from the module tree.")

    enum Style: String, ExpressibleByArgument, CaseIterable { case torchinfo, paper, savings, receptiveField = "receptive-field" }
    enum Format: String, ExpressibleByArgument, CaseIterable { case table, json }

    @Option(help: "Input shape N,C,H,W.")
    var input = ShapeArgument(argument: "2,3,224,224")!

    @Option(help: "eval (the aux heads do not run) or train (they do).")
    var mode: Mode = .eval

    @Option(parsing: .unconditional, help: "torchinfo's depth: rows deeper than this are folded into the row above.")
    var depth = 3

    @Option(help: "table or json.")
    var format: Format = .table

    @Option(help: "torchinfo, paper (Table 1 of the paper), savings (what the 1×1 reductions save) or receptive-field (what each module's output can see).")
    var style: Style = .torchinfo

    @Option(help: "seed (the lessons' Inception_V1) or torchvision (torchvision.models.googlenet, aux heads included).")
    var variant: InceptionVariant = .seed

    @Option(help: "With --style savings: only this Inception module, e.g. inception3a.")
    var module: String?

    @Option(help: "torchinfo columns, comma-separated: input_size, output_size, num_params, params_percent, kernel_size, mult_adds, trainable.")
    var columns: String?

    @Flag(help: "Show the arithmetic behind each number, e.g. 7·7·3·64 + 64 = 9,472.")
    var formulas = false

    @Flag(help: "Print torchinfo's table alone, without the notes on how it counted.")
    var noNotes = false

    func run() throws {
        do { print(try render(), terminator: "") } catch let error as UserError { throw error } catch {
            throw UserError("\(error)")
        }
    }

    func render() throws -> String {
        let shape = input.dims
        try MemoryBudget.check(shape: shape, what: "a summary's --input")
        guard shape.count == 4 else {
            throw UserError("--input must be N,C,H,W (four numbers), got \(shape.map(String.init).joined(separator: ","))")
        }
        if variant == .torchvision && style == .paper {
            throw UserError("--style paper lays the seed network out as the paper's Table 1; torchvision's \"5×5\" branch (branch3) has a 3×3 kernel, so its Inception modules do not fit the table's columns: use --style torchinfo or --style savings with --variant torchvision")
        }
        let net: Module = switch variant {
        case .seed: try InceptionV1(.init(initWeights: false))
        case .torchvision: try TorchvisionGoogLeNet(.init(initWeights: false))
        }
        switch style {
        case .torchinfo:
            let summary = try TorchinfoSummary(model: net, input: shape, mode: mode == .train ? .train : .eval,
                                               depth: depth, columns: try parsedColumns())
            if format == .json { return try SummaryJSON.text(summary) }
            return summary.renderTable(formulas: formulas) + (noNotes ? "" : "\n" + summary.renderNotes())
        case .paper:
            let table = try PaperTable(model: net, input: shape)
            return format == .json ? try SummaryJSON.text(table) : table.render(formulas: formulas)
        case .savings:
            let savings = try ReductionSavings.rows(for: net, inputShape: shape, module: module)
            return format == .json ? try SummaryJSON.text(savings) : savings.render(formulas: formulas)
        case .receptiveField:
            let field = ReceptiveField(model: net, input: shape)
            return format == .json ? try SummaryJSON.text(field) : field.render()
        }
    }

    func parsedColumns() throws -> [TorchinfoColumn] {
        guard let columns else { return TorchinfoColumn.defaults }
        return try columns.split(separator: ",").map { name in
            let trimmed = name.trimmingCharacters(in: .whitespaces)
            guard let column = TorchinfoColumn(rawValue: trimmed) else {
                throw UserError("--columns: unknown column \"\(trimmed)\"; use \(TorchinfoColumn.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            return column
        }
    }
}
