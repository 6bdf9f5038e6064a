import Foundation

/// `import torch.nn as nn` binds the built-in namespaces; `import time` gives perf_counter,
/// `import math` Python's math functions (`BuiltinsMath`), `collections` OrderedDict and namedtuple,
/// `typing`, `warnings` and `functools` as `BuiltinsPythonLibrary` gives them, `random` Python's
/// Mersenne Twister (`BuiltinsPythonRandom`), `copy` (`BuiltinsCopy`);
/// `from inception_v1 import Inception_V1` runs the file inception_v1.inc (or .md) next to
/// the lesson, once, and takes names from it: a lesson can build on the blocks of another.
extension Interpreter {
    func importedModule(_ path: [String]) throws -> Value {
        let dotted = path.joined(separator: ".")
        if path.first == "torch" || importableNamespaces.contains(path[0]) {
            guard case .namespace(let torch)? = builtinScope.lookup(path[0]) else { throw LanguageFailure("no \(path[0])") }
            var value: Value = .namespace(torch)
            for part in path.dropFirst() {
                guard case .namespace(let ns) = value, let next = ns.members[part], case .namespace = next else {
                    throw LanguageFailure("No module named '\(dotted)'", fix: "the language provides torch, torch.nn, torch.nn.functional and torchvision.models", as: .moduleNotFoundError)
                }
                value = next
            }
            return value
        }
        if path == ["__future__"] { return .namespace(futureNamespace()) }
        if path == ["time"] { return .namespace(timeNamespace()) }
        if path == ["re"] { return .namespace(regexNamespace()) }
        if path == ["math"] { return .namespace(mathNamespace()) }
        if path == ["collections"] { return .namespace(collectionsNamespace()) }
        if path == ["typing"] { return .namespace(typingNamespace()) }
        if path == ["warnings"] { return .namespace(warningsNamespace()) }
        if path == ["functools"] { return .namespace(functoolsNamespace()) }
        if path == ["contextlib"] { return .namespace(contextlibNamespace()) }
        if path == ["copy"] { return .namespace(copyNamespace()) }
        if path == ["random"] { return .namespace(randomNamespace()) }
        if path == ["dataclasses"] { return .namespace(dataclassesNamespace()) }
        if path == ["itertools"] { return .namespace(itertoolsNamespace()) }
        if path == ["json"] { return .namespace(jsonNamespace()) }
        if path == ["argparse"] { return .namespace(argparseNamespace()) }
        if path == ["operator"] { return .namespace(operatorNamespace()) }
        if path == ["string"] { return .namespace(stringNamespace()) }
        if path == ["logging"] { return .namespace(loggingNamespace()) }
        if path == ["statistics"] { return .namespace(statisticsNamespace()) }
        if path == ["sys"] { return .namespace(sysNamespace()) }
        if path == ["os"] { return .namespace(osNamespace()) }
        if path == ["safetensors"] { return .namespace(Namespace("safetensors", ["torch": .namespace(safetensorsTorchNamespace())])) }
        if path == ["safetensors", "torch"] { return .namespace(safetensorsTorchNamespace()) }
        if path == ["os", "path"] {
            guard case .namespace(let p)? = osNamespace().members["path"] else { throw LanguageFailure("no module named 'os.path'") }
            return .namespace(p)
        }
        if path.count == 1, let file = try importedFile(path[0]) { return file }
        if ["io", "tempfile"].contains(path[0]) {
            // the tutorials' torch.save(state, io.BytesIO()) round trip: here files live only under the working directory
            throw LanguageFailure("No module named '\(dotted)'", fix: "there are no in-memory or temporary files here: save to a path under the working directory, torch.save(model.state_dict(), \"model.pt\"), then torch.load(\"model.pt\")", as: .moduleNotFoundError)
        }
        throw LanguageFailure("No module named '\(dotted)'",
                              fix: "torch, nn, F, math, random, collections, contextlib, copy, dataclasses, itertools, json, argparse, logging, operator, re, statistics, string, os, safetensors.torch, sys, time, typing, warnings and functools are built in; other names import a .inc file from the lesson's folder", as: .moduleNotFoundError)
    }

    private func timeNamespace() -> Namespace {
        Namespace("time", [
            "perf_counter": .builtin(Builtin("perf_counter") { _, _ in .float(Double(DispatchTime.now().uptimeNanoseconds) / 1e9) }),
            "time": .builtin(Builtin("time") { _, _ in .float(Date().timeIntervalSince1970) }),
        ])
    }

    /// `from __future__ import print_function, division, annotations, …` (the first line of older
    /// tutorials): every feature is already Python 3's behaviour, so the names import and change nothing.
    private func futureNamespace() -> Namespace {
        let features = ["nested_scopes", "generators", "division", "absolute_import", "with_statement", "print_function",
                        "unicode_literals", "barry_as_FLUFL", "generator_stop", "annotations"]
        return Namespace("__future__", Dictionary(uniqueKeysWithValues: features.map { ($0, Value.string("__future__.\($0)")) }))
    }

    /// Runs `name.inc` (or `name.md`) from the lesson's folder in its own scope, once.
    func importedFile(_ name: String) throws -> Value? {
        if let done = importedFiles[name] { return done }
        let folder = baseDirectory ?? FileManager.default.currentDirectoryPath
        guard let path = ["inc", "md"].map({ URL(fileURLWithPath: folder).appendingPathComponent("\(name).\($0)").path })
            .first(where: { FileManager.default.fileExists(atPath: $0) }) else { return nil }
        guard !importing.contains(name) else { throw LanguageFailure("'\(name)' imports itself (through other files)") }
        let script = try Script.load(path: path)
        if let first = script.diagnostics.first {
            throw LanguageFailure("\(path) has \(script.diagnostics.count) syntax error\(script.diagnostics.count == 1 ? "" : "s"); the first: \(first)",
                                  fix: "run it alone to see them all: inception run \(path)")
        }
        importing.insert(name)
        defer { importing.remove(name) }
        let scope = Environment(parent: builtinScope)
        scope.define("__name__", .string(name))
        for program in script.programs { _ = try execute(program.statements, scope) }
        let module = Value.namespace(Namespace(name, scope.values))
        importedFiles[name] = module
        return module
    }
}
