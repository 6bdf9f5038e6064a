// The scanner and the parser, on scripts and on Markdown lessons; every diagnostic is rendered.
import InceptionLanguage

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzParser(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let source = text(data, size)
    let markdown = size > 0 && data![0] & 1 == 1
    let script = Script(text: source, file: markdown ? "fuzz.md" : "fuzz.inc")
    if !script.diagnostics.isEmpty { _ = script.render(.syntaxErrors(script.diagnostics)) }
    let direct = Parser.parse(source, file: "fuzz.inc")
    if !direct.diagnostics.isEmpty {
        _ = DiagnosticRenderer.render(direct.diagnostics, sources: ["fuzz.inc": SourceFile(name: "fuzz.inc", text: source)])
    }
    return 0
}
