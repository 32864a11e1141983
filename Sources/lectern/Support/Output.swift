import Foundation
import LecternCore

/// Where a command's product goes: standard output, or a file replaced atomically (written to a
/// temporary file in the same folder, renamed over the target when complete, removed on failure).
final class OutputSink: @unchecked Sendable {
  private let path: String?
  private let handle: FileHandle
  private let tempURL: URL?
  private var failure: String?

  init(path: String?) throws {
    guard let path, path != "-" else {
      self.path = nil
      self.handle = FileHandle.standardOutput
      self.tempURL = nil
      return
    }
    let url = URL(fileURLWithPath: path)
    let folder = url.deletingLastPathComponent()
    do {
      try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    } catch {
      throw CommandError.cannotWrite(path: path, reason: error.localizedDescription)
    }
    let temp = folder.appendingPathComponent(".\(url.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).tmp")
    guard FileManager.default.createFile(atPath: temp.path, contents: nil), let handle = try? FileHandle(forWritingTo: temp)
    else {
      throw CommandError.cannotWrite(path: path, reason: "cannot create a temporary file in \(folder.path)")
    }
    self.path = path
    self.handle = handle
    self.tempURL = temp
  }

  func write(_ bytes: ArraySlice<UInt8>) {
    guard failure == nil, !bytes.isEmpty else { return }
    bytes.withUnsafeBufferPointer { buffer in
      var offset = 0
      let fd = handle.fileDescriptor
      while offset < buffer.count {
        let written = Foundation.write(fd, buffer.baseAddress! + offset, buffer.count - offset)
        if written < 0 {
          if errno == EINTR { continue }
          failure = String(cString: strerror(errno))
          return
        }
        offset += written
      }
    }
  }

  /// Makes the output visible: renames the temporary file over the target.
  func commit() throws {
    guard let path, let tempURL else {
      if let failure { throw CommandError.cannotWrite(path: "<stdout>", reason: failure) }
      return
    }
    try? handle.close()
    if let failure {
      try? FileManager.default.removeItem(at: tempURL)
      throw CommandError.cannotWrite(path: path, reason: failure)
    }
    if rename(tempURL.path, path) != 0 {
      let reason = String(cString: strerror(errno))
      try? FileManager.default.removeItem(at: tempURL)
      throw CommandError.cannotWrite(path: path, reason: reason)
    }
  }

  /// Writes `text` to `path` (standard output for `nil` or `-`) atomically.
  static func write(_ text: String, to path: String?) throws {
    let sink = try OutputSink(path: path)
    sink.write(Array(text.utf8)[...])
    try sink.commit()
  }

  /// Drops a partly written output.
  func discard() {
    guard let tempURL else { return }
    try? handle.close()
    try? FileManager.default.removeItem(at: tempURL)
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

  var description: String {
    switch self {
    case .cannotWrite(let path, let reason): "\(path): error: cannot write: \(reason)"
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

/// Freeing a large model node by node at the end of a one-shot command costs as much as a tenth of
/// the run; the process is about to exit and the OS reclaims it at once. (Compilers do the same.)
enum ProcessTeardown {
  private final class Holder: @unchecked Sendable {
    let value: Any
    init(_ value: Any) { self.value = value }
  }

  static func keepUntilExit(_ value: Any) {
    _ = Unmanaged.passRetained(Holder(value))
  }
}
