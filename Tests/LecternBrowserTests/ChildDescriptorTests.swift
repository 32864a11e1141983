import Foundation
import Testing

@testable import LecternBrowser

#if canImport(Glibc)
  import Glibc
#endif

/// A browser outlives the test that started it; it must not keep open a pipe that another thread of this
/// process is about to hand to a child of its own, or that thread's reader never sees end-of-file (this hung
/// a CI run). Foundation's pipes are not close-on-exec, so the spawn itself must close them.
struct ChildDescriptorTests {
  @Test func theBrowserGetsItsFivePipesAndNothingElse() throws {
    let unrelated = Pipe()
    let fd = unrelated.fileHandleForWriting.fileDescriptor
    #expect(fd > 4, "the test needs a descriptor above the browser's own five")
    // A stand-in for Chromium that reports which descriptors it was given, on its standard error.
    let probe = "for n in 3 4 \(fd); do [ -e /proc/$$/fd/$n ] && echo open:$n || echo closed:$n; done >&2"
    let child = try BrowserProcess(executable: "/bin/sh", arguments: ["-c", probe])
    for _ in 0..<250 where child.isRunning { usleep(20_000) }
    usleep(100_000)
    let report = child.errorOutput
    child.reap(grace: 0)
    #expect(report.contains("open:3") && report.contains("open:4"), "the DevTools pipes reach the child: \(report)")
    #expect(report.contains("closed:\(fd)"), "an unrelated pipe leaked into the child: \(report)")
  }
}
