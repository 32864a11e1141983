import Foundation
import LecternCore

/// Where a command's product goes: standard output, or a file written atomically.
enum Output {
  /// Writes bytes to `path` (temp file in the same folder, then rename) or to stdout for `nil`/`-`.
  static func write(_ bytes: [UInt8], to path: String?) throws {
    guard let path, path != "-" else {
      FileHandle.standardOutput.write(Data(bytes))
      return
    }
    let url = URL(fileURLWithPath: path)
    let folder = url.deletingLastPathComponent()
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let temp = folder.appendingPathComponent(".\(url.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).tmp")
    do {
      try Data(bytes).write(to: temp)
      if rename(temp.path, url.path) != 0 {
        throw CommandError.cannotWrite(path: path, reason: String(cString: strerror(errno)))
      }
    } catch let error as CommandError {
      try? FileManager.default.removeItem(at: temp)
      throw error
    } catch {
      try? FileManager.default.removeItem(at: temp)
      throw CommandError.cannotWrite(path: path, reason: error.localizedDescription)
    }
  }
}

/// Prints diagnostics to standard error as `path:line:col: severity: message [code]`.
enum DiagnosticPrinter {
  static func print(_ diagnostics: [Diagnostic]) {
    for d in diagnostics { printError(d.formatted) }
  }
}

func printError(_ line: String) {
  FileHandle.standardError.write(Data((line + "\n").utf8))
}

/// Failures that stop a command.
enum CommandError: Error, CustomStringConvertible {
  case cannotWrite(path: String, reason: String)
  case input(InputError)
  case diagnostics(count: Int)

  var description: String {
    switch self {
    case .cannotWrite(let path, let reason): "\(path): error: cannot write: \(reason)"
    case .input(let e): e.description
    case .diagnostics(let count): "\(count) error\(count == 1 ? "" : "s")"
    }
  }
}

/// Runs `body` on a thread with a large stack, so very deep documents (thousands of nested
/// quotes or lists) cannot overflow it while being walked or written.
func withLargeStack<T: Sendable>(_ body: @escaping @Sendable () throws -> T) throws -> T {
  let box = ResultBox<T>()
  let done = DispatchSemaphore(value: 0)
  let thread = Thread {
    box.result = Result { try body() }
    done.signal()
  }
  thread.stackSize = 1 << 30
  thread.start()
  done.wait()
  return try box.result!.get()
}

private final class ResultBox<T>: @unchecked Sendable {
  var result: Result<T, Error>?
}
