import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// Waits for changes to a set of files through inotify: the folders holding them are watched, so editors
/// that save by writing a new file and renaming it over the old one are seen too.
///
/// One watcher serves a whole command (`build --watch`, `serve`); nothing polls. `wait` blocks until a
/// watched file is created, written, moved or deleted, then returns after a short quiet period so one
/// save that touches a file several times gives one change. Whole folders can be watched too (`serve`):
/// then every visible entry of the folder counts, including files created after the watch began.
public final class FileWatcher: Sendable {
  private let fd: Int32
  /// A pipe `cancel()` writes to, to wake a blocked `wait` (read end, write end).
  private let wake: (read: Int32, write: Int32)
  private let state = Locked<WatchState>(WatchState())

  private struct WatchState {
    var files: Set<String> = []
    var folders: [Int32: String] = [:]
    /// Folders whose every visible entry counts, not only the listed files.
    var openFolders: Set<String> = []
    var cancelled = false
  }

  /// Starts watching `paths` (more can be added with `watch`); throws when inotify is unavailable.
  public init(_ paths: [String] = []) throws {
    fd = inotify_init1(Int32(IN_CLOEXEC))
    guard fd >= 0 else { throw FileWatcherError(reason: String(cString: strerror(errno))) }
    var ends: [Int32] = [0, 0]
    guard pipe(&ends) == 0 else {
      close(fd)
      throw FileWatcherError(reason: String(cString: strerror(errno)))
    }
    wake = (ends[0], ends[1])
    for end in ends { _ = fcntl(end, F_SETFD, FD_CLOEXEC) }
    watch(paths)
  }

  deinit {
    close(fd)
    close(wake.read)
    close(wake.write)
  }

  /// Wakes a blocked `wait` (it returns an empty set) and makes every later `wait` return at once.
  public func cancel() {
    state.withLock { $0.cancelled = true }
    var one: UInt8 = 1
    _ = Glibc.write(wake.write, &one, 1)
  }

  /// Watches whole folders: a change to any entry whose name does not start with `.` counts.
  public func watch(folders paths: [String]) {
    for path in paths {
      let folder = URL(fileURLWithPath: path).standardizedFileURL.path
      state.withLock { state in
        state.openFolders.insert(folder)
        addWatch(folder, to: &state)
      }
    }
  }

  private func addWatch(_ folder: String, to state: inout WatchState) {
    let mask = UInt32(IN_CLOSE_WRITE | IN_MOVED_TO | IN_MOVED_FROM | IN_CREATE | IN_DELETE | IN_MODIFY | IN_ATTRIB)
    guard !state.folders.values.contains(folder) else { return }
    let wd = inotify_add_watch(fd, folder, mask)
    if wd >= 0 { state.folders[wd] = folder }
  }

  /// Adds files to the watched set (their folders are watched once each).
  public func watch(_ paths: [String]) {
    for path in paths {
      let file = URL(fileURLWithPath: path).standardizedFileURL
      let folder = file.deletingLastPathComponent().path
      state.withLock { state in
        state.files.insert(file.path)
        addWatch(folder, to: &state)
      }
    }
  }

  /// Replaces the watched set of files (folders stay watched; events for files no longer listed are ignored).
  public func replace(with paths: [String]) {
    state.withLock { $0.files = [] }
    watch(paths)
  }

  /// Blocks until a watched file changes; returns the changed paths (after `quiet` seconds without more events),
  /// or an empty set once `cancel()` was called.
  public func wait(quiet: TimeInterval = 0.05) -> Set<String> {
    var changed: Set<String> = []
    while changed.isEmpty {
      if state.withLock({ $0.cancelled }) { return [] }
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
    var pollers = [pollfd(fd: fd, events: Int16(POLLIN), revents: 0), pollfd(fd: wake.read, events: Int16(POLLIN), revents: 0)]
    guard poll(&pollers, 2, timeout) > 0, pollers[0].revents & Int16(POLLIN) != 0 else { return [] }
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
          if state.files.contains(path) { return path }
          return state.openFolders.contains(folder) && !name.isEmpty && !name.hasPrefix(".") ? path : nil
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
