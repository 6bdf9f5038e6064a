import ArgumentParser
import InceptionRuntime

/// `inception`: the command line. Each subcommand lives in its own file.
@main
struct Inception: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inception",
        abstract: "Learn GoogLeNet / Inception V1 by building it and stepping through it.",
        version: versionText,
        subcommands: [
            ReplCommand.self,
            ForwardCommand.self, GradCommand.self, TrainCommand.self,
            SummaryCommand.self,
            RunCommand.self, CheckCommand.self,
            BenchCommand.self,
            FeaturesCommand.self, SampleImageCommand.self,
            DatasetCommand.self, ExperimentCommand.self,
        ],
        defaultSubcommand: ReplCommand.self
    )

    static var versionText: String { "inception 0.1.0 — \(OpenBLAS.kernelDescription)" }

    /// OpenBLAS must get the right kernels before anything runs (see OpenBLAS.swift).
    static func main() {
        OpenBLAS.upgradeCoreIfNeeded()
        do {
            try CKernelsBuild.applyEnvironment()
            var command = try parseAsRoot()
            try command.run()
        } catch {
            exit(withError: error)
        }
    }
}
