import Foundation
import LecternCore

/// A real PostgreSQL server for tests: Debian's `initdb` + `pg_ctl` into a temporary folder, on a free
/// loopback port, with its Unix socket in that folder; run as the `postgres` user when the tests run as
/// root. `stop()` stops it and deletes the folder; a watchdog shell stops it too if the test process dies
/// first, so no server outlives the tests.
public final class PostgresServer: @unchecked Sendable {
  public let port: Int
  public let folder: URL
  private let binaries: URL
  private let watchdog: Process

  /// The folder with `initdb` and `pg_ctl` (the newest `/usr/lib/postgresql/*/bin`, or `$PG_BIN`), or
  /// `nil` when PostgreSQL's server binaries are not installed.
  public static var binaries: URL? {
    if let env = ProcessInfo.processInfo.environment["PG_BIN"] { return URL(fileURLWithPath: env) }
    let root = "/usr/lib/postgresql"
    let versions = ((try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []).sorted {
      $0.compare($1, options: .numeric) == .orderedDescending
    }
    return versions.lazy.map { URL(fileURLWithPath: "\(root)/\($0)/bin") }
      .first { FileManager.default.isExecutableFile(atPath: $0.appendingPathComponent("pg_ctl").path) }
  }

  /// Why PostgreSQL tests cannot run here, or `nil` when they can.
  public static var unavailableReason: String? {
    binaries == nil ? "PostgreSQL server binaries (initdb, pg_ctl) not found: apt-get install postgresql" : nil
  }

  /// `postgresql://postgres@127.0.0.1:PORT/postgres?sslmode=disable`, with `&schema=` when given.
  public func url(schema: String? = nil) -> String {
    "postgresql://postgres@127.0.0.1:\(port)/postgres?sslmode=disable" + (schema.map { "&schema=\($0)" } ?? "")
  }

  /// The certificate authority that signed a TLS server's certificate (`start(tls: true)`), for `sslrootcert`.
  public var certificateAuthority: URL { folder.appendingPathComponent("tls/ca.crt") }

  /// Creates a cluster and starts it; throws with the server's log when it does not come up. With `tls`, the
  /// server has a certificate for `localhost` signed by a certificate authority of its own
  /// (``certificateAuthority``) and accepts TCP connections over TLS only.
  public static func start(tls: Bool = false) throws -> PostgresServer {
    guard let binaries else { throw Failure(message: unavailableReason ?? "") }
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("lectern-pg-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder.appendingPathComponent("socket"), withIntermediateDirectories: true)
    if getuid() == 0 { try run("/bin/chown", ["-R", "postgres:postgres", folder.path]) }
    let data = folder.appendingPathComponent("data").path
    try run(
      binaries.appendingPathComponent("initdb").path,
      ["-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-locale", "--no-sync"], asPostgres: true)
    let tlsOptions = tls ? try makeCertificates(folder: folder, data: data) : ""
    var lastError: Error?
    for _ in 0..<3 {
      let port = try freePort()
      let options =
        "-p \(port) -k \(folder.appendingPathComponent("socket").path) -c listen_addresses=127.0.0.1 "
        + "-c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=50" + tlsOptions
      do {
        try run(
          binaries.appendingPathComponent("pg_ctl").path,
          ["-D", data, "-l", folder.appendingPathComponent("server.log").path, "-w", "-t", "60", "-o", options, "start"],
          asPostgres: true)
        let watchdog = try startWatchdog(folder: folder, binaries: binaries)
        return PostgresServer(port: port, folder: folder, binaries: binaries, watchdog: watchdog)
      } catch {
        lastError = error
      }
    }
    let log = (try? String(contentsOf: folder.appendingPathComponent("server.log"), encoding: .utf8)) ?? ""
    try? FileManager.default.removeItem(at: folder)
    throw Failure(message: "postgres did not start: \(lastError.map { "\($0)" } ?? "")\n\(log)")
  }

  /// A certificate authority and a server certificate for `localhost` (made with the `openssl` command), and a
  /// `pg_hba.conf` that refuses TCP connections without TLS; returns the server options that turn TLS on.
  private static func makeCertificates(folder: URL, data: String) throws -> String {
    let dir = folder.appendingPathComponent("tls")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    func path(_ name: String) -> String { dir.appendingPathComponent(name).path }
    try "subjectAltName=DNS:localhost\n".write(toFile: path("server.ext"), atomically: true, encoding: .utf8)
    let openssl = "/usr/bin/openssl"
    try run(
      openssl,
      [
        "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=Lectern test CA",
        "-keyout", path("ca.key"), "-out", path("ca.crt"),
      ])
    try run(
      openssl,
      [
        "req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=localhost", "-keyout", path("server.key"),
        "-out", path("server.csr"),
      ])
    try run(
      openssl,
      [
        "x509", "-req", "-in", path("server.csr"), "-CA", path("ca.crt"), "-CAkey", path("ca.key"), "-CAcreateserial",
        "-days", "2", "-extfile", path("server.ext"), "-out", path("server.crt"),
      ])
    try """
    local all all trust
    hostssl all all 127.0.0.1/32 trust
    hostnossl all all 127.0.0.1/32 reject
    """.write(toFile: data + "/pg_hba.conf", atomically: true, encoding: .utf8)
    if getuid() == 0 { try run("/bin/chown", ["-R", "postgres:postgres", dir.path, data + "/pg_hba.conf"]) }
    try run("/bin/chmod", ["600", path("server.key")])
    return " -c ssl=on -c ssl_cert_file=\(path("server.crt")) -c ssl_key_file=\(path("server.key"))"
  }

  private init(port: Int, folder: URL, binaries: URL, watchdog: Process) {
    self.port = port
    self.folder = folder
    self.binaries = binaries
    self.watchdog = watchdog
  }

  /// Stops the server (immediately: tests need no clean shutdown) and deletes its folder.
  public func stop() {
    let data = folder.appendingPathComponent("data").path
    _ = try? Self.run(
      binaries.appendingPathComponent("pg_ctl").path, ["-D", data, "-m", "immediate", "-w", "stop"], asPostgres: true)
    watchdog.terminate()
    try? FileManager.default.removeItem(at: folder)
  }

  /// Whether the server's postmaster is still running (its pid file exists).
  public var isRunning: Bool {
    FileManager.default.fileExists(atPath: folder.appendingPathComponent("data/postmaster.pid").path)
  }

  /// A shell that stops the server once this process is gone (a crash, a kill): polls every second.
  private static func startWatchdog(folder: URL, binaries: URL) throws -> Process {
    let data = folder.appendingPathComponent("data").path
    let stop = "\(binaries.appendingPathComponent("pg_ctl").path) -D '\(data)' -m immediate stop"
    let asPostgres = getuid() == 0 ? "runuser -u postgres -- \(stop)" : stop
    let script = """
      while kill -0 \(getpid()) 2>/dev/null && [ -f '\(data)/postmaster.pid' ]; do sleep 1; done
      if [ -f '\(data)/postmaster.pid' ]; then \(asPostgres) >/dev/null 2>&1; rm -rf '\(folder.path)'; fi
      """
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/sh")
    process.arguments = ["-c", script]
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    try process.run()
    return process
  }

  /// A TCP port nobody listens on now (bound to port 0, read back, released).
  private static func freePort() throws -> Int {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    defer { close(fd) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    address.sin_port = 0
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    let bound = withUnsafeMutablePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0 }
    }
    guard bound else { throw Failure(message: "no free port: \(String(cString: strerror(errno)))") }
    return Int(UInt16(bigEndian: address.sin_port))
  }

  /// Runs a command to its end (as `postgres` when root and asked to); throws with its output on failure.
  ///
  /// Spawned and reaped directly (posix_spawn + waitpid), output to a file: the server that `pg_ctl start`
  /// leaves running inherits open descriptors, which keeps Foundation's `Process` (and any pipe) waiting.
  @discardableResult
  public static func run(_ tool: String, _ arguments: [String], asPostgres: Bool = false) throws -> String {
    let argv = asPostgres && getuid() == 0 ? ["/usr/sbin/runuser", "-u", "postgres", "--", tool] + arguments : [tool] + arguments
    let log = FileManager.default.temporaryDirectory.appendingPathComponent("lectern-pg-run-\(UUID().uuidString).log")
    defer { try? FileManager.default.removeItem(at: log) }
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 1, log.path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    posix_spawn_file_actions_adddup2(&actions, 1, 2)
    // The server that `pg_ctl start` leaves running must not inherit another test's pipe (Foundation's are
    // not close-on-exec): that test would wait for end-of-file until the server stops.
    SpawnDescriptors.closeInherited(&actions, from: 3)
    var cArgs = argv.map { strdup($0) } + [nil]
    defer { cArgs.forEach { free($0) } }
    var pid: pid_t = 0
    let spawned = posix_spawn(&pid, argv[0], &actions, nil, &cArgs, environ)
    guard spawned == 0 else { throw Failure(message: "cannot run \(argv[0]): \(String(cString: strerror(spawned)))") }
    var status: Int32 = 0
    while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
    let text = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
    let exited = status & 0x7f == 0
    let code = (status >> 8) & 0xff
    guard exited && code == 0 else {
      throw Failure(message: "\((tool as NSString).lastPathComponent) exited \(code): \(text)")
    }
    return text
  }

  public struct Failure: Error, CustomStringConvertible {
    public var message: String
    public var description: String { message }
  }
}
