import Foundation
import LecternTestSupport
import Testing

/// The test server that `pg_ctl start` leaves running must not hold another test's pipe open: that test
/// would wait for end-of-file until the last PostgreSQL suite ends (on two cores, a deadlock of the pool).
struct PostgresServerSpawnTests {
  @Test func spawnedToolsInheritOnlyTheirStandardDescriptors() throws {
    let unrelated = Pipe()
    let fd = unrelated.fileHandleForWriting.fileDescriptor
    #expect(fd > 2)
    let output = try PostgresServer.run("/bin/sh", ["-c", "[ -e /proc/$$/fd/\(fd) ] && echo open || echo closed"])
    #expect(output.trimmingCharacters(in: .whitespacesAndNewlines) == "closed")
  }
}
