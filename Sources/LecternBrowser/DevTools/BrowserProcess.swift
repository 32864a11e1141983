import Foundation
import LecternCore

#if canImport(Glibc)
  import Glibc
#endif

/// One running Chromium with its DevTools pipes: fd 3 of the child reads our commands, fd 4 writes its
/// replies and events (`--remote-debugging-pipe`).
///
/// The child runs in its own process group so that `reap` can end the browser and every helper process it
/// started. Our ends of the pipes are close-on-exec, so no other child of this process holds them open: when
/// this process dies, the browser reads end-of-file on fd 3 and exits by itself. The browser gets fds 0–4
/// and nothing else of this process.
final class BrowserProcess: Sendable {
  let pid: pid_t
  /// Our end of the command pipe (the browser's fd 3).
  let commands: Int32
  /// Our end of the event pipe (the browser's fd 4).
  let events: Int32
  let profile: URL
  private let reaped = Locked(false)
  private let stderrTail: OutputTail

  init(executable: String, arguments: [String]) throws {
    signal(SIGPIPE, SIG_IGN)
    let profile = FileManager.default.temporaryDirectory.appendingPathComponent("lectern-chromium-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: profile, withIntermediateDirectories: true)
    let toBrowser = try Self.makePipe()
    let fromBrowser = try Self.makePipe()
    let errors = try Self.makePipe()
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
    posix_spawn_file_actions_adddup2(&actions, errors.write, 2)
    posix_spawn_file_actions_adddup2(&actions, toBrowser.read, 3)
    posix_spawn_file_actions_adddup2(&actions, fromBrowser.write, 4)
    // Nothing else of ours reaches the browser: a pipe another thread is about to hand to its own child
    // (Foundation's pipes are not close-on-exec) would otherwise stay open as long as the browser lives,
    // and that child's reader would wait for an end-of-file that never comes.
    SpawnDescriptors.closeInherited(&actions, from: 5)
    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP))
    posix_spawnattr_setpgroup(&attributes, 0)
    let argv = ([executable] + arguments + ["--user-data-dir=\(profile.path)"]).map { strdup($0) } + [nil]
    defer { argv.forEach { free($0) } }
    var child: pid_t = 0
    let status = posix_spawn(&child, executable, &actions, &attributes, argv, environ)
    for end in [toBrowser.read, fromBrowser.write, errors.write] { close(end) }
    guard status == 0 else {
      for end in [toBrowser.write, fromBrowser.read, errors.read] { close(end) }
      try? FileManager.default.removeItem(at: profile)
      throw BrowserError.launchFailed(executable: executable, reason: String(cString: strerror(status)))
    }
    pid = child
    commands = toBrowser.write
    events = fromBrowser.read
    self.profile = profile
    stderrTail = OutputTail(errors.read)
  }

  deinit { reap(grace: 0) }

  private static func makePipe() throws -> (read: Int32, write: Int32) {
    var ends: [Int32] = [0, 0]
    guard pipe(&ends) == 0 else {
      throw BrowserError.launchFailed(executable: "pipe", reason: String(cString: strerror(errno)))
    }
    for end in ends { _ = fcntl(end, F_SETFD, FD_CLOEXEC) }
    return (ends[0], ends[1])
  }

  /// Writes one message and its NUL terminator; false when the browser no longer reads.
  func write(_ message: Data) -> Bool {
    var bytes = [UInt8](message)
    bytes.append(0)
    var offset = 0
    while offset < bytes.count {
      let written = bytes.withUnsafeBytes { Glibc.write(commands, $0.baseAddress! + offset, bytes.count - offset) }
      if written < 0 && errno == EINTR { continue }
      guard written > 0 else { return false }
      offset += written
    }
    return true
  }

  /// The last lines Chromium wrote to standard error (for error messages).
  var errorOutput: String { stderrTail.text }

  /// True while the browser process has not exited.
  var isRunning: Bool {
    reaped.withLock { done in
      if done { return false }
      var status: Int32 = 0
      return waitpid(pid, &status, WNOHANG) == 0
    }
  }

  /// Ends the browser: closes the command pipe (Chromium exits on end-of-file), waits up to `grace` seconds,
  /// then kills the whole process group, waits for the child and removes the profile folder. Idempotent.
  func reap(grace: TimeInterval) {
    let first = reaped.withLock { done in
      defer { done = true }
      return !done
    }
    guard first else { return }
    close(commands)
    let deadline = Date().addingTimeInterval(grace)
    var status: Int32 = 0
    var exited = false
    repeat {
      if waitpid(pid, &status, WNOHANG) == pid {
        exited = true
        break
      }
      if Date() >= deadline { break }
      usleep(20_000)
    } while true
    kill(-pid, SIGKILL)
    if !exited { _ = waitpid(pid, &status, 0) }
    close(events)
    try? FileManager.default.removeItem(at: profile)
  }
}

/// Drains a pipe on its own thread and keeps its last few kilobytes.
final class OutputTail: Sendable {
  private let data = Locked(Data())

  init(_ fd: Int32) {
    Thread.detachNewThread { [data] in
      var buffer = [UInt8](repeating: 0, count: 4096)
      while true {
        let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, 4096) }
        if count < 0 && errno == EINTR { continue }
        if count <= 0 { break }
        data.withLock {
          $0.append(contentsOf: buffer[0..<count])
          if $0.count > 8192 { $0 = $0.suffix(4096) }
        }
      }
      close(fd)
    }
  }

  var text: String {
    String(decoding: data.snapshot, as: UTF8.self).split(separator: "\n").suffix(3).joined(separator: " ")
  }
}
