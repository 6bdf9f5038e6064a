import Foundation

/// argparse as an example script uses it: `ArgumentParser(description=…)`, `add_argument` with
/// `type`, `default`, `action='store_true'/'store_false'`, `choices`, `required`, `dest` and
/// `nargs` ('?', '*', '+', or a count), then `parse_args()`. A program here runs without
/// command-line arguments, so `parse_args()` gives the defaults; `parse_args([...])` reads the
/// list given, as a notebook passes one. A bad list fails with argparse's message.
extension Interpreter {
    func argparseNamespace() -> Namespace {
        Namespace("argparse", [
            "ArgumentParser": .builtin(Builtin("ArgumentParser") { _, _ in .object(ArgumentParserObject()) }),
            "Namespace": .builtin(Builtin("Namespace") { _, arguments in
                .object(ArgumentNamespace(arguments.keywords.map { ($0.name, $0.value) }))
            }),
        ])
    }
}

/// One add_argument: its destination, option strings and what it does with the words it takes.
private struct ArgumentSpec {
    var dest: String
    var options: [String]           // empty for a positional argument
    var type: Value = .none
    var defaultValue: Value = .none
    var storeConstant: Value?       // store_true / store_false / store_const
    var choices: [Value]?
    var required = false
    var nargs: Value = .none
}

final class ArgumentParserObject: NativeObject {
    private var specs: [ArgumentSpec] = []
    init() { super.init(typeName: "ArgumentParser") }
    override var repr: String { "ArgumentParser(prog='inception', usage=None, description=None, formatter_class=<class 'argparse.HelpFormatter'>, conflict_handler='error', add_help=True)" }

    override func member(_ name: String) -> Value? {
        switch name {
        case "add_argument": return .builtin(Builtin("add_argument") { [self] _, a in try add(a); return .none })
        case "parse_args", "parse_known_args":
            return .builtin(Builtin(name) { [self] interpreter, a in
                let words = try a.positional.first.map { try interpreter.iterationItems($0).map(\.text) } ?? []
                let parsed = try parse(words, interpreter)
                return name == "parse_args" ? parsed : .tuple([parsed, .list(ListStorage([]))])
            })
        case "set_defaults":
            return .builtin(Builtin("set_defaults") { [self] _, a in
                for (key, value) in a.keywords {
                    if let i = specs.firstIndex(where: { $0.dest == key }) { specs[i].defaultValue = value }
                    else { specs.append(ArgumentSpec(dest: key, options: ["--" + key], defaultValue: value)) }
                }
                return .none
            })
        case "add_argument_group": return .builtin(Builtin(name) { _, _ in .object(self) })
        case "print_help", "print_usage": return .builtin(Builtin(name) { _, _ in .none })
        default: return nil
        }
    }

    private func add(_ a: Arguments) throws {
        let names = a.positional.map(\.text)
        guard !names.isEmpty else { throw LanguageFailure("add_argument() needs a name or option strings", as: .typeError) }
        let options = names.filter { $0.hasPrefix("-") }
        let long = options.first { $0.hasPrefix("--") } ?? options.first
        var spec = ArgumentSpec(dest: (long.map { String($0.drop { $0 == "-" }) } ?? names[0]).replacingOccurrences(of: "-", with: "_"), options: options)
        for (key, value) in a.keywords {
            switch key {
            case "type": spec.type = value
            case "default": spec.defaultValue = value
            case "dest": spec.dest = value.text
            case "choices": spec.choices = value.sequenceItems()
            case "required": spec.required = (try? value.isTruthy()) ?? false
            case "nargs": spec.nargs = value
            case "action":
                switch value.text {
                case "store_true": spec.storeConstant = .bool(true); if !a.keywords.contains(where: { $0.name == "default" }) { spec.defaultValue = .bool(false) }
                case "store_false": spec.storeConstant = .bool(false); if !a.keywords.contains(where: { $0.name == "default" }) { spec.defaultValue = .bool(true) }
                case "store": break
                default: throw LanguageFailure("add_argument(action='\(value.text)') is not supported here", fix: "use store, store_true or store_false")
                }
            case "const": if spec.storeConstant == nil { spec.storeConstant = value }
            case "help", "metavar": break
            default: throw LanguageFailure("add_argument() got an unexpected keyword argument '\(key)'", as: .typeError)
            }
        }
        if options.isEmpty, !a.keywords.contains(where: { $0.name == "nargs" }) { spec.required = true }
        specs.append(spec)
    }

    private func parse(_ words: [String], _ interpreter: Interpreter) throws -> Value {
        // argparse prints its usage and exits (SystemExit); here the message is the error
        func failure(_ text: String) -> LanguageFailure { LanguageFailure("argparse: error: \(text)", fix: "check the list given to parse_args", as: .systemExit) }
        var values: [String: Value] = [:]
        func convert(_ word: String, _ spec: ArgumentSpec) throws -> Value {
            var v: Value = .string(word)
            if !spec.type.isNone {
                do { v = try interpreter.callBack(spec.type, Arguments([v])) } catch {
                    let typeName = (try? interpreter.getAttribute(spec.type, "__name__").text) ?? "type"
                    throw failure("argument \(spec.options.first ?? spec.dest): invalid \(typeName) value: '\(word)'")
                }
            }
            if let choices = spec.choices, !choices.contains(where: { valuesEqual($0, v) }) {
                throw failure("argument \(spec.options.first ?? spec.dest): invalid choice: \(v.repr) (choose from \(choices.map(\.repr).joined(separator: ", ")))")
            }
            return v
        }
        /// How many words the argument takes: nil for "as many as follow".
        func count(_ spec: ArgumentSpec) -> (min: Int, max: Int?) {
            switch spec.nargs {
            case .int(let n): return (n, n)
            case .string("?"): return (0, 1)
            case .string("*"): return (0, nil)
            case .string("+"): return (1, nil)
            default: return (1, 1)
            }
        }
        var positional = specs.filter { $0.options.isEmpty }[...]
        var i = 0
        while i < words.count {
            var word = words[i]
            if word.hasPrefix("-"), word.count > 1, Double(word) == nil {
                var inline: String?
                if let eq = word.firstIndex(of: "=") { inline = String(word[word.index(after: eq)...]); word = String(word[..<eq]) }
                guard let spec = specs.first(where: { $0.options.contains(word) }) else { throw failure("unrecognized arguments: \(words[i...].joined(separator: " "))") }
                i += 1
                if let constant = spec.storeConstant { values[spec.dest] = constant; continue }
                var taken: [String] = inline.map { [$0] } ?? []
                let (least, most) = count(spec)
                while inline == nil, most.map({ taken.count < $0 }) ?? true, i < words.count, !(words[i].hasPrefix("-") && Double(words[i]) == nil) {
                    taken.append(words[i]); i += 1
                }
                guard taken.count >= least else { throw failure("argument \(spec.options.joined(separator: "/")): expected \(least == 1 ? "one argument" : "\(least) arguments")") }
                let converted = try taken.map { try convert($0, spec) }
                values[spec.dest] = spec.nargs.isNone || spec.nargs.text == "?" ? (converted.first ?? spec.storeConstant ?? spec.defaultValue) : .list(ListStorage(converted))
            } else {
                guard let spec = positional.popFirst() else { throw failure("unrecognized arguments: \(words[i...].joined(separator: " "))") }
                let (_, most) = count(spec)
                var taken: [String] = []
                while most.map({ taken.count < $0 }) ?? true, i < words.count, !(words[i].hasPrefix("-") && Double(words[i]) == nil) {
                    taken.append(words[i]); i += 1
                }
                let converted = try taken.map { try convert($0, spec) }
                values[spec.dest] = spec.nargs.isNone ? converted[0] : .list(ListStorage(converted))
            }
        }
        let missing = specs.filter { $0.required && values[$0.dest] == nil }
        if !missing.isEmpty {
            throw failure("the following arguments are required: \(missing.map { $0.options.first ?? $0.dest }.joined(separator: ", "))")
        }
        return .object(ArgumentNamespace(specs.map { spec in
            // a string default goes through type, as argparse converts it
            if let v = values[spec.dest] { return (spec.dest, v) }
            if case .string(let s) = spec.defaultValue, !spec.type.isNone, let v = try? convert(s, spec) { return (spec.dest, v) }
            return (spec.dest, spec.defaultValue)
        }))
    }
}

/// argparse.Namespace: attributes in the order added; `Namespace(lr=0.1, epochs=3)` as its repr.
final class ArgumentNamespace: NativeObject {
    private var entries: [(String, Value)]
    init(_ entries: [(String, Value)]) {
        var unique: [(String, Value)] = []
        for (k, v) in entries { if let i = unique.firstIndex(where: { $0.0 == k }) { unique[i].1 = v } else { unique.append((k, v)) } }
        self.entries = unique
        super.init(typeName: "Namespace")
    }
    override var repr: String { "Namespace(" + entries.map { "\($0.0)=\($0.1.repr)" }.joined(separator: ", ") + ")" }
    override func member(_ name: String) -> Value? {
        if name == "__dict__" { return .dict(DictStorage(entries.map { (key: Value.string($0.0), value: $0.1) })) }
        return entries.first { $0.0 == name }?.1
    }
    /// args.lr = 0.5 (a new name is added at the end)
    func set(_ name: String, _ value: Value) {
        if let i = entries.firstIndex(where: { $0.0 == name }) { entries[i].1 = value } else { entries.append((name, value)) }
    }
}
