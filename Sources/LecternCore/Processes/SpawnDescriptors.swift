import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// Descriptors for a child started with `posix_spawn`.
///
/// Foundation's `Process` closes everything but 0–2 in its children; a plain `posix_spawn` does not, and
/// Foundation's pipes are not close-on-exec. A long-lived child (a browser, a database server) would then
/// keep another thread's pipe open, and that thread's reader would wait for an end-of-file that never comes.
public enum SpawnDescriptors {
  /// Adds a close action for every descriptor of this process numbered `first` or above, so the child gets
  /// only the ones the earlier actions set up. (glibc's `addclosefrom_np` is not visible to Swift; a
  /// descriptor closed meanwhile by another thread is skipped by the spawn, which ignores `EBADF` there.)
  public static func closeInherited(_ actions: inout posix_spawn_file_actions_t, from first: Int32) {
    let open = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []
    for name in open {
      guard let fd = Int32(name), fd >= first else { continue }
      posix_spawn_file_actions_addclose(&actions, fd)
    }
  }
}
