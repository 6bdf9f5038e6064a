import Foundation
import InceptionLanguage
import InceptionNetworkBuiltins
import InceptionRuntime

/// The reference side of every check: one interpreter that has run the reference sources
/// (Lessons/reference/*.inc: the seed's classes, and the few extra blocks the lessons build).
/// Reference blocks are built fresh for each check, always from the same seed.
final class ReferenceWorld {
    let interpreter: Interpreter

    init(curriculum: Curriculum) throws {
        interpreter = Interpreter(output: { _ in }, builtins: .networksAndPictures)
        interpreter.baseDirectory = curriculum.directory
        CurriculumBuiltins.install(in: interpreter, curriculum: nil)
        for file in curriculum.manifest.reference {
            let path = curriculum.path(file)
            guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
                throw CurriculumError("cannot read the reference source \(curriculum.display(file))")
            }
            if let problem = LanguageRunning.run(text, file: curriculum.display(file), in: interpreter) {
                throw CurriculumError("the reference source \(curriculum.display(file)) does not run:\n\(problem)")
            }
        }
    }

    /// A class the reference sources define ("BasicConv2d"), or nil.
    func classValue(_ name: String) -> Value? {
        guard let v = interpreter.global(name), case .classValue = v else { return nil }
        return v
    }

    /// The classes the reference sources define, sorted.
    var classNames: [String] { interpreter.globalNames.filter { classValue($0) != nil } }

    /// Evaluates a manifest snippet with the layers' initialiser seeded, so a reference block
    /// has the same weights on every check; the caller's generator is left as it was.
    func evaluate(_ expression: String, label: String) throws(LanguageRunning.Failure) -> Value {
        let saved = ParameterInit.draw { $0 }
        ParameterInit.reseed(0)
        defer { ParameterInit.draw { $0 = saved } }
        return try LanguageRunning.evaluate(expression, in: interpreter, label: label)
    }
}
