import Foundation
import LecternCore
import LecternTestSupport
import Testing

@testable import LecternServe

/// The site watcher on the shared inotify `FileWatcher`: whole folders (new files and folders count,
/// hidden names do not), extra files outside the root, and a stop that wakes the blocked thread.
@Suite struct SiteWatcherTests {
  /// Waits up to `timeout` for the change count to reach `count`.
  static func reaches(_ changes: Locked<Int>, _ count: Int, within timeout: TimeInterval = 5) async -> Bool {
    let deadline = Date().addingTimeInterval(timeout)
    while Date() < deadline {
      if changes.snapshot >= count { return true }
      try? await Task.sleep(for: .milliseconds(20))
    }
    return changes.snapshot >= count
  }

  /// The change count once no change has come for 0.3 s (at most `timeout`): one write can raise several
  /// events (create, modify, close), and the later ones may come after a wait for the first has returned.
  static func settled(_ changes: Locked<Int>, within timeout: TimeInterval = 5) async -> Int {
    let deadline = Date().addingTimeInterval(timeout)
    var last = changes.snapshot
    while Date() < deadline {
      try? await Task.sleep(for: .milliseconds(300))
      let now = changes.snapshot
      if now == last { return now }
      last = now
    }
    return last
  }

  @Test func changesUnderTheRootAndToExtraFilesAreSeen() async throws {
    let site = try SiteFixture.make()
    let theme = TestPaths.temporaryDirectory().appendingPathComponent("theme.css")
    try "a{}".write(to: theme, atomically: true, encoding: .utf8)
    let watcher = try SiteWatcher(root: SiteRoot(site), extra: [theme])
    let changes = Locked(0)
    watcher.start { changes.withLock { $0 += 1 } }
    defer { watcher.stop() }
    try "b{}".write(to: theme, atomically: true, encoding: .utf8)
    #expect(await Self.reaches(changes, 1), "an extra file")
    try FileManager.default.createDirectory(at: site.appendingPathComponent("new"), withIntermediateDirectories: true)
    #expect(await Self.reaches(changes, 2), "a new folder")
    try "# n".write(to: site.appendingPathComponent("new/n.md"), atomically: false, encoding: .utf8)
    #expect(await Self.reaches(changes, 3), "a file in the new folder")
    // Counted from where the events of the writes above have settled (a CI run once saw a late event of
    // `n.md` arrive after the hidden write and fail this).
    let before = await Self.settled(changes)
    try "x".write(to: site.appendingPathComponent(".hidden-change"), atomically: false, encoding: .utf8)
    #expect(await !Self.reaches(changes, before + 1, within: 0.5), "a hidden name is not a change")
  }

  @Test func stopWakesTheWatchingThread() throws {
    let watcher = try SiteWatcher(root: SiteRoot(try SiteFixture.make()), extra: [])
    watcher.start {}
    let start = Date()
    watcher.stop()
    #expect(Date().timeIntervalSince(start) < 1)
  }
}
