import Foundation

/// `logging` as a training script uses it: `basicConfig(level=…, format=…)`, `getLogger(name)`,
/// and `debug` / `info` / `warning` / `error` / `critical` (on a logger or the module), with
/// %-style arguments. Records at or above the level go to standard error in the format
/// (%(levelname)s, %(name)s, %(message)s; default "LEVEL:name:message"), as Python's do.
extension Interpreter {
    func loggingNamespace() -> Namespace {
        let levels = LoggingState.levels
        var t: [String: Value] = [:]
        for (name, number) in levels { t[name] = .int(number) }
        t["NOTSET"] = .int(0)
        t["basicConfig"] = .builtin(Builtin("basicConfig") { _, arguments in
            for (key, value) in arguments.keywords {
                switch key {
                case "level": if let n = value.asInt { LoggingState.level = n } else if LoggingState.number(value.text) > 0 { LoggingState.level = LoggingState.number(value.text) }
                case "format": LoggingState.format = value.text
                default: break          // datefmt, handlers, stream, force: accepted
                }
            }
            return .none
        })
        t["getLogger"] = Self.builtin(Signature("getLogger", [("name", Value.none)])) { _, a in
            .object(LoggerObject(a["name"].isNone ? "root" : a["name"].text))
        }
        let root = LoggerObject("root")
        for (name, _) in levels { t[name.lowercased()] = root.member(name.lowercased()) }
        t["warn"] = root.member("warning")
        return Namespace("logging", t)
    }
}

/// The logging configuration of the run (Python's root logger's level and format).
enum LoggingState {
    static let levels: [(name: String, number: Int)] = [("DEBUG", 10), ("INFO", 20), ("WARNING", 30), ("ERROR", 40), ("CRITICAL", 50)]
    static func number(_ name: String) -> Int { levels.first { $0.name == name }?.number ?? 0 }
    nonisolated(unsafe) static var level = 30
    nonisolated(unsafe) static var format = "%(levelname)s:%(name)s:%(message)s"
    nonisolated(unsafe) static var sink: (String) -> Void = { FileHandle.standardError.write(Data(($0 + "\n").utf8)) }
}

final class LoggerObject: NativeObject {
    let name: String
    var level: Int?
    init(_ name: String) { self.name = name; super.init(typeName: "Logger") }
    override var repr: String { "<Logger \(name) (\(LoggingState.levels.first { $0.number == (level ?? LoggingState.level) }?.name ?? "NOTSET"))>" }

    override func member(_ member: String) -> Value? {
        switch member {
        case "debug", "info", "warning", "error", "critical", "exception":
            let levelName = member == "exception" ? "ERROR" : member.uppercased()
            return .builtin(Builtin(member) { [self] _, arguments in
                guard let first = arguments.positional.first else { throw LanguageFailure("\(member)() missing 1 required positional argument: 'msg'", as: .typeError) }
                guard LoggingState.number(levelName) >= (level ?? LoggingState.level) else { return .none }
                let rest = Array(arguments.positional.dropFirst())
                let message = rest.isEmpty ? first.text : try percentFormat(first.text, rest.count == 1 ? rest[0] : .tuple(rest))
                LoggingState.sink(LoggingState.format
                    .replacingOccurrences(of: "%(levelname)s", with: levelName)
                    .replacingOccurrences(of: "%(name)s", with: name)
                    .replacingOccurrences(of: "%(message)s", with: message))
                return .none
            })
        case "setLevel":
            return .builtin(Builtin(member) { [self] _, arguments in level = arguments.positional.first?.asInt; return .none })
        case "name": return .string(name)
        case "addHandler", "removeHandler": return .builtin(Builtin(member) { _, _ in .none })
        default: return nil
        }
    }
}
