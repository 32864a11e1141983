import Foundation
import LecternCore

/// Watches the served folder (every visible file, including ones created later, in every folder below it)
/// and extra files (themes, templates, the metrics store) through the shared inotify `FileWatcher`, and
/// calls `changed` once per burst of changes. Nothing polls: the thread sleeps in `poll(2)` until inotify
/// or `stop()` wakes it.
final class SiteWatcher: Sendable {
  private let watcher: FileWatcher
  private let root: SiteRoot
  private let stopped = DispatchSemaphore(value: 0)

  init(root: SiteRoot, extra: [URL]) throws {
    self.root = root
    watcher = try FileWatcher(extra.map(\.path))
    watcher.watch(folders: root.folders().map(\.path))
  }

  /// Starts the watching thread.
  func start(changed: @escaping @Sendable () -> Void) {
    let thread = Thread { [watcher, root, stopped] in
      defer { stopped.signal() }
      while true {
        let paths = watcher.wait()
        if paths.isEmpty { return }  // stopped
        // New folders are watched from now on (watching one twice is a no-op).
        watcher.watch(folders: root.folders().map(\.path))
        changed()
      }
    }
    thread.name = "lectern-serve-watch"
    thread.start()
  }

  /// Stops the thread and waits until it has returned (only after `start`).
  func stop() {
    watcher.cancel()
    stopped.wait()
  }
}
