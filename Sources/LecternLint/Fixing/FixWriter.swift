import Foundation
import LecternCore

/// Writes a fixed file back: through a symbolic link to its target (the link stays), keeping the file's mode,
/// atomically, and never over a read-only file.
enum FixWriter {
  static func write(_ text: String, to path: String) throws {
    let target = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
    let attributes = try FileManager.default.attributesOfItem(atPath: target)
    let mode = (attributes[.posixPermissions] as? NSNumber)?.uint16Value
    // Root may write anything; a file without write bits is still the author's "do not touch".
    if let mode, mode & 0o222 == 0 {
      throw OutputError.cannotWrite(path: path, reason: "the file is read-only (mode \(String(mode, radix: 8))); not fixed")
    }
    guard FileManager.default.isWritableFile(atPath: target) else {
      throw OutputError.cannotWrite(path: path, reason: "permission denied; not fixed")
    }
    try OutputSink.write(text, to: target, overwrite: .inputsToo)
    if let mode { try FileManager.default.setAttributes([.posixPermissions: NSNumber(value: mode)], ofItemAtPath: target) }
  }
}
