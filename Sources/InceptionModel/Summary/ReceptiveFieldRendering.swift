import Foundation
import InceptionRuntime

/// The receptive-field table (`inception summary --style receptive-field`, `:rf`,
/// `receptive_field_table()`) and its JSON (docs/summary-json.md).
extension ReceptiveField {
    public func render() -> String {
        var table = TextTable([.left, .right, .right, .right, .left])
        table.add(["module", "output size", "receptive field", "jump", "how"])
        table.rule()
        table.add(["(input)", "\(input.count == 4 ? input[2] : 224)", "1", "1", ""])
        for row in rows {
            table.add([row.path, "\(row.state.size)", "\(row.state.field)", "\(row.state.jump)", row.note])
        }
        var out = "Receptive field of each module's output, on an input of \(input.map(String.init).joined(separator: "×"))\n"
        out += "r′ = r + (k − 1)·j and j′ = j·s for a k×k window at stride s; an Inception module takes its largest branch.\n\n"
        out += table.render()
        if !out.hasSuffix("\n") { out += "\n" }
        if let last = rows.last(where: { !$0.path.hasPrefix("aux") && $0.state.size > 1 }) {
            out += "\n\(last.path) sees \(last.state.field)×\(last.state.field) pixels (the padding included), more than the "
                + "\(input.count == 4 ? input[2] : 224)-pixel image; its values are \(last.state.jump) pixels apart.\n"
        }
        return out
    }

    public var json: [String: Any] {
        [
            "style": "receptive-field", "input": input,
            "rows": rows.map { ["path": $0.path, "type": $0.type, "output_size": $0.state.size,
                                "receptive_field": $0.state.field, "jump": $0.state.jump, "how": $0.note] as [String: Any] },
        ]
    }
}
