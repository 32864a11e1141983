import Foundation

/// Where a command's product goes: standard output, or a file replaced atomically (written to a
/// temporary file in the same folder, renamed over the target when complete, removed on failure).
public final class OutputSink: @unchecked Sendable {
  private let path: String?
  private let handle: FileHandle
  private let tempURL: URL?
  private var failure: String?

  public init(path: String?) throws {
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
      throw OutputError.cannotWrite(path: path, reason: error.localizedDescription)
    }
    let temp = folder.appendingPathComponent(".\(url.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).tmp")
    guard FileManager.default.createFile(atPath: temp.path, contents: nil), let handle = try? FileHandle(forWritingTo: temp)
    else {
      throw OutputError.cannotWrite(path: path, reason: "cannot create a temporary file in \(folder.path)")
    }
    self.path = path
    self.handle = handle
    self.tempURL = temp
  }

  public func write(_ bytes: ArraySlice<UInt8>) {
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
  public func commit() throws {
    guard let path, let tempURL else {
      if let failure { throw OutputError.cannotWrite(path: "<stdout>", reason: failure) }
      return
    }
    try? handle.close()
    if let failure {
      try? FileManager.default.removeItem(at: tempURL)
      throw OutputError.cannotWrite(path: path, reason: failure)
    }
    // A replaced file keeps its permissions (a fixed deck stays as readable as it was).
    if let mode = try? FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] {
      try? FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: tempURL.path)
    }
    if rename(tempURL.path, path) != 0 {
      let reason = String(cString: strerror(errno))
      try? FileManager.default.removeItem(at: tempURL)
      throw OutputError.cannotWrite(path: path, reason: reason)
    }
  }

  /// Writes `text` to `path` (standard output for `nil` or `-`) atomically.
  public static func write(_ text: String, to path: String?) throws {
    let sink = try OutputSink(path: path)
    sink.write(Array(text.utf8)[...])
    try sink.commit()
  }

  /// Drops a partly written output.
  public func discard() {
    guard let tempURL else { return }
    try? handle.close()
    try? FileManager.default.removeItem(at: tempURL)
  }
}

/// An output that cannot be written (its folder, its temporary file, the final rename).
public enum OutputError: Error, CustomStringConvertible {
  case cannotWrite(path: String, reason: String)

  public var description: String {
    switch self {
    case .cannotWrite(let path, let reason): "\(path): error: cannot write: \(reason)"
    }
  }
}
