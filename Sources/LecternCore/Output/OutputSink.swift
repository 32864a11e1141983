import Foundation

/// Where a command's product goes: standard output; a regular file replaced atomically (written to a
/// temporary file in the same folder, renamed over the target when complete, removed on failure,
/// keeping the target's mode); or, for anything that is not a regular file (`/dev/null`, a FIFO,
/// `/dev/stdout`, a terminal), that file itself, opened and written in place as the bytes come.
///
/// A sink never replaces a file this process read as input (``FileIdentity/isInput(_:)``) unless
/// asked to (`lint --fix`), and never replaces an existing file at all under ``Overwrite/never``.
public final class OutputSink: @unchecked Sendable {
  /// Which existing files a sink may replace.
  public enum Overwrite: Sendable {
    /// Any file but one this process read as input (the default for products: HTML, JSON, reports).
    case exceptInputs
    /// No existing file (`report new` without `--force`).
    case never
    /// No existing file but an earlier product of Lectern's (`report -o` without `--force`): one whose first
    /// 4 KiB name Lectern as its generator (`<meta name="generator" content="Lectern">` in HTML, a
    /// `<!-- generator: Lectern -->` line in Markdown). Re-running a command refreshes its own output; a
    /// hand-written file of the same name is refused.
    case lecternOutputOnly
    /// Any file, inputs included (a fixer rewriting the file it read).
    case inputsToo
  }

  private let path: String?
  private let handle: FileHandle
  private let tempURL: URL?
  private var failure: String?

  public init(path given: String?, overwrite: Overwrite = .exceptInputs) throws {
    guard let given, given != "-" else {
      self.path = nil
      self.handle = FileHandle.standardOutput
      self.tempURL = nil
      return
    }
    // A symbolic link to a file stays a link: the file it names is the one replaced.
    let path = Self.resolvingLink(given)
    try Self.check(path, shown: given, overwrite: overwrite)
    if let inPlace = try Self.openInPlace(path) {
      self.path = path
      self.handle = inPlace
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

  private static func resolvingLink(_ path: String) -> String {
    var info = stat()
    guard lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFLNK, !path.hasPrefix("/dev/"), !path.hasPrefix("/proc/")
    else { return path }
    return URL(fileURLWithPath: path).resolvingSymlinksInPath().path
  }

  /// Refuses a target that is an input or, under `.never`, that exists.
  private static func check(_ path: String, shown: String, overwrite: Overwrite) throws {
    var info = stat()
    guard stat(path, &info) == 0 else { return }
    if info.st_mode & S_IFMT == S_IFDIR { throw OutputError.isDirectory(path: shown) }
    let regular = info.st_mode & S_IFMT == S_IFREG
    // An input is refused first (whatever the policy but `inputsToo`): that is the message that helps.
    if overwrite != .inputsToo && FileIdentity.isInput(path) { throw OutputError.isInput(path: shown) }
    if overwrite == .never && regular { throw OutputError.exists(path: shown) }
    if overwrite == .lecternOutputOnly && regular && !isLecternOutput(path) { throw OutputError.exists(path: shown) }
  }

  /// Whether the file at `path` says in its first 4 KiB that Lectern generated it.
  public static func isLecternOutput(_ path: String) -> Bool {
    guard let handle = FileHandle(forReadingAtPath: path) else { return false }
    defer { try? handle.close() }
    let head = String(decoding: (try? handle.read(upToCount: 4096)) ?? Data(), as: UTF8.self)
    return head.contains("<meta name=\"generator\" content=\"Lectern") || head.contains("<!-- generator: Lectern")
  }

  /// The target opened for writing in place when it must not be renamed over: not a regular file, or
  /// reached through `/dev` or `/proc` (`/dev/stdout` redirected to a file); `nil` otherwise.
  private static func openInPlace(_ path: String) throws -> FileHandle? {
    var info = stat()
    guard stat(path, &info) == 0 else { return nil }
    let special = path.hasPrefix("/dev/") || path.hasPrefix("/proc/")
    guard info.st_mode & S_IFMT != S_IFREG || special else { return nil }
    // O_TRUNC only means something for a regular file; a FIFO blocks here until a reader comes.
    let flags = O_WRONLY | O_CLOEXEC | (info.st_mode & S_IFMT == S_IFREG ? O_TRUNC : 0)
    let fd = open(path, flags)
    guard fd >= 0 else { throw OutputError.cannotWrite(path: path, reason: String(cString: strerror(errno))) }
    return FileHandle(fileDescriptor: fd, closeOnDealloc: true)
  }

  public func write(_ bytes: ArraySlice<UInt8>) {
    bytes.withUnsafeBufferPointer { write($0) }
  }

  /// Writes the text's UTF-8 bytes as they are stored (no copy of a native string).
  public func write(_ text: String) {
    var text = text
    text.withUTF8 { write($0) }
  }

  public func write(_ buffer: UnsafeBufferPointer<UInt8>) {
    guard failure == nil, let base = buffer.baseAddress, !buffer.isEmpty else { return }
    var offset = 0
    let fd = handle.fileDescriptor
    while offset < buffer.count {
      let written = Foundation.write(fd, base + offset, buffer.count - offset)
      if written < 0 {
        if errno == EINTR { continue }
        failure = String(cString: strerror(errno))
        return
      }
      offset += written
    }
  }

  /// Makes the output visible: renames the temporary file over the target (or closes a target written
  /// in place).
  public func commit() throws {
    guard let path else {
      if let failure { throw OutputError.cannotWrite(path: "<stdout>", reason: failure) }
      return
    }
    try? handle.close()
    guard let tempURL else {
      if let failure { throw OutputError.cannotWrite(path: path, reason: failure) }
      return
    }
    if let failure {
      try? FileManager.default.removeItem(at: tempURL)
      throw OutputError.cannotWrite(path: path, reason: failure)
    }
    // A replaced file keeps its permissions (a fixed deck stays as readable as it was).
    // (stat/chmod, not FileManager's attribute dictionary: its `Any` values cost a tenth of a small build.)
    var existing = stat()
    if stat(path, &existing) == 0 { _ = chmod(tempURL.path, existing.st_mode & 0o7777) }
    if rename(tempURL.path, path) != 0 {
      let reason = String(cString: strerror(errno))
      try? FileManager.default.removeItem(at: tempURL)
      throw OutputError.cannotWrite(path: path, reason: reason)
    }
  }

  /// Writes `text` to `path` (standard output for `nil` or `-`): atomically for a regular file, in
  /// place for a device or FIFO; refused as `overwrite` says.
  public static func write(_ text: String, to path: String?, overwrite: Overwrite = .exceptInputs) throws {
    let sink = try OutputSink(path: path, overwrite: overwrite)
    sink.write(text)
    try sink.commit()
  }

  /// Drops a partly written output (a target written in place keeps what it got).
  public func discard() {
    guard let tempURL else { return }
    try? handle.close()
    try? FileManager.default.removeItem(at: tempURL)
  }
}

/// An output that cannot or must not be written.
public enum OutputError: Error, CustomStringConvertible {
  /// Its folder, its temporary file or the final rename failed.
  case cannotWrite(path: String, reason: String)
  /// The target is a file this command reads (`build deck.md -o deck.md`).
  case isInput(path: String)
  /// The target exists and the command does not replace existing files without `--force`.
  case exists(path: String)
  /// The target is a directory where a file was expected.
  case isDirectory(path: String)

  public var description: String {
    switch self {
    case .cannotWrite(let path, let reason): "\(path): error: cannot write: \(reason)"
    case .isInput(let path): "\(path): error: the output is also an input; expected a different file for -o"
    case .exists(let path): "\(path): error: already exists; give --force to replace it"
    case .isDirectory(let path): "\(path): error: is a directory; expected a file to write"
    }
  }
}
