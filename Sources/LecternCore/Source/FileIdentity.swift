import Foundation

/// A file as the operating system knows it (device and inode), so two paths naming one file compare
/// equal whatever symbolic links, `..` or hard links lie between them.
public struct FileIdentity: Sendable, Hashable {
  public let device: UInt64
  public let inode: UInt64
  /// The inode's change time (ns): a file made later on an inode number the system reused after an input was
  /// deleted is not that input (a test process deletes thousands of files; a long `serve` sees editors replace
  /// files).
  public let changed: Int64

  /// The identity of the file `path` names (following symbolic links); `nil` when there is none.
  public init?(path: String) {
    var info = stat()
    guard stat(path, &info) == 0 else { return nil }
    device = UInt64(info.st_dev)
    inode = UInt64(info.st_ino)
    changed = Int64(info.st_ctim.tv_sec) * 1_000_000_000 + Int64(info.st_ctim.tv_nsec)
  }

  /// Every file this process has read as input (``SourceFile/load(path:)`` records them), so that no
  /// output can replace one by accident (`-o deck.md`).
  public static func recordInput(_ path: String) {
    guard let identity = FileIdentity(path: path) else { return }
    inputs.withLock { $0.insert(identity) }
  }

  /// Whether `path` names a file this process has read as input.
  public static func isInput(_ path: String) -> Bool {
    guard let identity = FileIdentity(path: path) else { return false }
    return inputs.withLock { $0.contains(identity) }
  }

  private static let inputs = Locked<Set<FileIdentity>>([])
}
