import Foundation
import LecternCore

/// Paths for tests, found through `#filePath` so they work the same in every checkout.
public enum TestPaths {
  /// The repository root.
  public static func repositoryRoot(filePath: String = #filePath) -> URL {
    var url = URL(fileURLWithPath: filePath)
    while url.path != "/" {
      url.deleteLastPathComponent()
      if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { return url }
    }
    return URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
  }

  /// `../shared` beside the checkout (seeds, corpus, specs), or `nil` when it is absent.
  public static var shared: URL? {
    if let env = ProcessInfo.processInfo.environment["LECTERN_SHARED"] {
      return URL(fileURLWithPath: env)
    }
    let url = repositoryRoot().deletingLastPathComponent().appendingPathComponent("shared")
    return FileManager.default.fileExists(atPath: url.path) ? url : nil
  }

  /// A seed document by its number prefix (`000`), or `nil` when `../shared` is absent.
  public static func seed(_ prefix: String) -> URL? {
    guard let folder = shared?.appendingPathComponent("seeds"),
      let name = try? FileManager.default.contentsOfDirectory(atPath: folder.path).first(where: { $0.hasPrefix(prefix) })
    else { return nil }
    return folder.appendingPathComponent(name)
  }

  /// A fixture next to the calling test file.
  public static func fixture(_ name: String, filePath: String = #filePath) -> URL {
    URL(fileURLWithPath: filePath).deletingLastPathComponent().appendingPathComponent("Fixtures").appendingPathComponent(name)
  }

  /// A fresh temporary directory.
  public static func temporaryDirectory() -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("lectern-tests-\(UUID().uuidString)")
    try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }
}

extension SourceFile {
  /// A source made from a string literal, for tests.
  public static func inline(_ text: String, path: String = "test.md") -> SourceFile {
    SourceFile(path: path, text: text)
  }

  /// Loads a file that must exist.
  public static func at(_ url: URL) throws -> SourceFile {
    try SourceFile.load(path: url.path)
  }
}

/// Text with `↓` markers: the marker positions (1-based line/column of the character after each
/// marker) and the text without them.
public struct MarkedText {
  public let text: String
  public let markers: [SourceLocation]

  public init(_ marked: String) {
    var text = ""
    var markers: [SourceLocation] = []
    var line = 1
    var column = 1
    for scalar in marked.unicodeScalars {
      if scalar == "↓" {
        markers.append(SourceLocation(line: line, column: column))
        continue
      }
      text.unicodeScalars.append(scalar)
      if scalar == "\n" {
        line += 1
        column = 1
      } else {
        column += 1
      }
    }
    self.text = text
    self.markers = markers
  }
}

/// The result of running the built `lectern` binary.
public struct CommandResult: Sendable {
  public var status: Int32
  public var stdout: String
  public var stderr: String
  public var stdoutData: Data
}

public enum LecternBinary {
  /// The `lectern` executable SwiftPM built next to the test bundle.
  public static var url: URL? {
    var candidates: [URL] = []
    let bundle = Bundle.main.bundleURL
    candidates.append(bundle.appendingPathComponent("lectern"))
    candidates.append(bundle.deletingLastPathComponent().appendingPathComponent("lectern"))
    if let arg = CommandLine.arguments.first {
      candidates.append(URL(fileURLWithPath: arg).deletingLastPathComponent().appendingPathComponent("lectern"))
    }
    candidates.append(TestPaths.repositoryRoot().appendingPathComponent(".build/debug/lectern"))
    return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }
  }

  /// Runs `lectern` with arguments and optional standard input.
  public static func run(
    _ arguments: [String], stdin: Data? = nil, in directory: URL? = nil, environment: [String: String] = [:],
    timeLimit: TimeInterval = 600
  ) throws -> CommandResult {
    guard let url else { throw CocoaError(.fileNoSuchFile) }
    let process = Process()
    process.executableURL = url
    process.arguments = arguments
    if let directory { process.currentDirectoryURL = directory }
    var env = ProcessInfo.processInfo.environment
    env.merge(environment) { _, new in new }
    process.environment = env
    let out = Pipe()
    let err = Pipe()
    let input = Pipe()
    process.standardOutput = out
    process.standardError = err
    process.standardInput = input
    try process.run()
    // A hung child must fail its test, not the whole run: after `timeLimit` it is killed (and the test
    // sees its signal as the exit status).
    let pid = process.processIdentifier
    let watchdog = DispatchWorkItem { kill(pid, SIGKILL) }
    DispatchQueue.global().asyncAfter(deadline: .now() + timeLimit, execute: watchdog)
    defer { watchdog.cancel() }
    if let stdin { input.fileHandleForWriting.write(stdin) }
    try input.fileHandleForWriting.close()
    // Read both pipes concurrently so a large output cannot block the child.
    final class Box: @unchecked Sendable { var data = Data() }
    let errBox = Box()
    let group = DispatchGroup()
    group.enter()
    DispatchQueue.global().async {
      errBox.data = err.fileHandleForReading.readDataToEndOfFile()
      group.leave()
    }
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    group.wait()
    process.waitUntilExit()
    return CommandResult(
      status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
      stderr: String(decoding: errBox.data, as: UTF8.self), stdoutData: outData)
  }
}

/// Compares text with a golden file in `Snapshots/` beside the test; `RECORD_SNAPSHOTS=1` rewrites
/// it and fails, so the new file gets reviewed before it is committed.
public func snapshotMismatch(_ actual: String, named name: String, filePath: String = #filePath) -> String? {
  let url = URL(fileURLWithPath: filePath).deletingLastPathComponent().appendingPathComponent("Snapshots").appendingPathComponent(
    name)
  if ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] == "1" {
    try? FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    try? actual.write(to: url, atomically: true, encoding: .utf8)
    return "recorded \(name); review it and run again without RECORD_SNAPSHOTS"
  }
  guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
    return "no snapshot \(name); record it with RECORD_SNAPSHOTS=1"
  }
  return expected == actual ? nil : "output differs from \(name):\n--- expected\n\(expected)\n--- actual\n\(actual)"
}

/// A long-running `lectern` process (`build --watch`, `serve`) that a test starts and must stop: `stop()`
/// sends SIGTERM, waits, then SIGKILL, and reaps it, so no test leaves a process behind.
public final class RunningLectern: @unchecked Sendable {
  public let process = Process()

  public init(_ arguments: [String], in directory: URL? = nil) throws {
    guard let url = LecternBinary.url else { throw CocoaError(.fileNoSuchFile) }
    process.executableURL = url
    process.arguments = arguments
    if let directory { process.currentDirectoryURL = directory }
    process.standardError = FileHandle.nullDevice
    process.standardOutput = FileHandle.nullDevice
    process.standardInput = FileHandle.nullDevice
    try process.run()
  }

  public var isRunning: Bool { process.isRunning }

  /// Stops the process and waits until it has exited.
  public func stop() {
    let pid = process.processIdentifier
    guard pid > 0 else { return }
    kill(pid, SIGTERM)
    for _ in 0..<50 where process.isRunning { Thread.sleep(forTimeInterval: 0.02) }
    if process.isRunning { kill(pid, SIGKILL) }
    process.waitUntilExit()
  }

  deinit { if process.isRunning { stop() } }
}
