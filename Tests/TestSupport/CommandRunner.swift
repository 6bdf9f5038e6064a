import Foundation
import XCTest

/// Runs the built `inception` executable as a user would, capturing its output.
public struct CommandResult {
    public var status: Int32
    public var stdout: String
    public var stderr: String
}

public enum InceptionBinary {
    /// The products folder holding both the test bundle and the `inception` executable.
    public static var url: URL {
        // Linux: the test runner is the .xctest executable itself, beside `inception`.
        // macOS: the .xctest bundle sits beside it.
        if let bundle = Bundle.allBundles.first(where: { $0.bundlePath.hasSuffix(".xctest") }) {
            return bundle.bundleURL.deletingLastPathComponent().appendingPathComponent("inception")
        }
        let runner = Bundle.main.executableURL ?? URL(fileURLWithPath: CommandLine.arguments[0])
        return runner.resolvingSymlinksInPath().deletingLastPathComponent().appendingPathComponent("inception")
    }

    /// Runs `inception args…` with optional standard input and extra environment.
    public static func run(_ args: [String], stdin: String? = nil, environment: [String: String] = [:],
                           removing: [String] = [], currentDirectory: String? = nil) throws -> CommandResult {
        try runProgram(url.path, args, stdin: stdin, environment: environment, removing: removing, currentDirectory: currentDirectory)
    }

    /// Runs any program the same way (e.g. `script`, to give inception a pseudo-terminal).
    /// `beforeInput` runs after the program started and before its input is written (to wait
    /// until it is ready to read it).
    public static func runProgram(_ path: String, _ args: [String], stdin: String? = nil, environment: [String: String] = [:],
                                  removing: [String] = [], currentDirectory: String? = nil,
                                  beforeInput: (() -> Void)? = nil) throws -> CommandResult {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = args
        var env = ProcessInfo.processInfo.environment
        for key in removing { env.removeValue(forKey: key) }
        env.merge(environment) { $1 }
        process.environment = env
        if let dir = currentDirectory { process.currentDirectoryURL = URL(fileURLWithPath: dir) }
        let out = Pipe(), err = Pipe(), input = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = input
        try process.run()
        beforeInput?()
        if let stdin { input.fileHandleForWriting.write(stdin.data(using: .utf8)!) }
        try input.fileHandleForWriting.close()
        // Read both pipes fully before waiting, so a chatty child never blocks on a full pipe.
        let group = DispatchGroup()
        nonisolated(unsafe) var errData = Data()
        group.enter()
        DispatchQueue.global().async { errData = err.fileHandleForReading.readDataToEndOfFile(); group.leave() }
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        return CommandResult(status: process.terminationStatus,
                             stdout: String(decoding: outData, as: UTF8.self),
                             stderr: String(decoding: errData, as: UTF8.self))
    }

    /// A fresh temporary directory for one test.
    public static func temporaryDirectory() throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("inception-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir.path
    }
}
