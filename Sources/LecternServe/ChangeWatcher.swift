import Foundation

/// Polls modification times of a set of files (the site's files, plus extra paths such as the metrics
/// store) and bumps a version number when anything changes, appears or disappears.
final class ChangeWatcher: @unchecked Sendable {
  private let lock = NSLock()
  private var stamps: [String: Date] = [:]
  private var _version = 0
  private let list: @Sendable () -> [URL]

  init(files list: @escaping @Sendable () -> [URL]) {
    self.list = list
    stamps = Self.snapshot(list())
  }

  var version: Int {
    lock.lock()
    defer { lock.unlock() }
    return _version
  }

  /// Checks once; returns `true` when something changed since the last check.
  func poll() -> Bool {
    let now = Self.snapshot(list())
    lock.lock()
    defer { lock.unlock() }
    guard now != stamps else { return false }
    stamps = now
    _version += 1
    return true
  }

  private static func snapshot(_ files: [URL]) -> [String: Date] {
    var out: [String: Date] = [:]
    for f in files {
      out[f.path] = (try? FileManager.default.attributesOfItem(atPath: f.path)[.modificationDate] as? Date) ?? .distantPast
    }
    return out
  }
}
