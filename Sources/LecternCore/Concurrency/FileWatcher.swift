import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// Waits for changes to a set of files through inotify: the folders holding them are watched, so editors
/// that save by writing a new file and renaming it over the old one are seen too.
///
/// One watcher serves a whole command (`build --watch`, `serve`); nothing polls. `wait` blocks until a
/// watched file is created, written, moved or deleted, then returns after a short quiet period so one
/// save that touches a file several times gives one change.
public final class FileWatcher: @unchecked Sendable {
  private let fd: Int32
  private let state = Locked<(files: Set<String>, folders: [Int32: String])>(([], [:]))

  /// Starts watching `paths` (more can be added with `watch`); throws when inotify is unavailable.
  public init(_ paths: [String] = []) throws {
    fd = inotify_init1(Int32(IN_CLOEXEC))
    guard fd >= 0 else { throw FileWatcherError(reason: String(cString: strerror(errno))) }
    watch(paths)
  }

  deinit { close(fd) }

  /// Adds files to the watched set (their folders are watched once each).
  public func watch(_ paths: [String]) {
    let mask = UInt32(IN_CLOSE_WRITE | IN_MOVED_TO | IN_MOVED_FROM | IN_CREATE | IN_DELETE | IN_MODIFY | IN_ATTRIB)
    for path in paths {
      let file = URL(fileURLWithPath: path).standardizedFileURL
      let folder = file.deletingLastPathComponent().path
      state.withLock { state in
        state.files.insert(file.path)
        guard !state.folders.values.contains(folder) else { return }
        let wd = inotify_add_watch(fd, folder, mask)
        if wd >= 0 { state.folders[wd] = folder }
      }
    }
  }

  /// Replaces the watched set of files (folders stay watched; events for files no longer listed are ignored).
  public func replace(with paths: [String]) {
    state.withLock { $0.files = [] }
    watch(paths)
  }

  /// Blocks until a watched file changes; returns the changed paths (after `quiet` seconds without more events).
  public func wait(quiet: TimeInterval = 0.05) -> Set<String> {
    var changed: Set<String> = []
    while changed.isEmpty {
      changed = read(timeout: -1)
    }
    while true {
      let more = read(timeout: Int32(quiet * 1000))
      if more.isEmpty { return changed }
      changed.formUnion(more)
    }
  }

  /// Reads pending events, waiting up to `timeout` ms (-1: forever); returns the watched files they name.
  private func read(timeout: Int32) -> Set<String> {
    var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
    guard poll(&poller, 1, timeout) > 0 else { return [] }
    var buffer = [UInt8](repeating: 0, count: 64 * 1024)
    let count = buffer.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
    guard count > 0 else { return [] }
    var names: [(Int32, String)] = []
    var offset = 0
    buffer.withUnsafeBytes { raw in
      while offset + MemoryLayout<inotify_event>.size <= count {
        let event = raw.loadUnaligned(fromByteOffset: offset, as: inotify_event.self)
        let nameStart = offset + MemoryLayout<inotify_event>.size
        let nameBytes = raw[nameStart..<min(count, nameStart + Int(event.len))].prefix { $0 != 0 }
        names.append((event.wd, String(decoding: nameBytes, as: UTF8.self)))
        offset = nameStart + Int(event.len)
      }
    }
    return state.withLock { state in
      Set(
        names.compactMap { wd, name in
          guard let folder = state.folders[wd] else { return nil }
          let path = (folder as NSString).appendingPathComponent(name)
          return state.files.contains(path) ? path : nil
        })
    }
  }
}

/// inotify could not be started.
public struct FileWatcherError: Error, CustomStringConvertible, Sendable {
  public var reason: String
  public var description: String { "error: cannot watch files: \(reason)" }
}

/// A long-running command (a watcher, a server) must stop on SIGTERM and SIGINT even when whoever started
/// it blocked or ignored them (a blocked mask is inherited through exec).
public enum FileWatcherSignals {
  public static func restoreDefaults() {
    var set = sigset_t()
    sigemptyset(&set)
    sigaddset(&set, SIGTERM)
    sigaddset(&set, SIGINT)
    sigprocmask(SIG_UNBLOCK, &set, nil)
    signal(SIGTERM, SIG_DFL)
    signal(SIGINT, SIG_DFL)
  }
}
