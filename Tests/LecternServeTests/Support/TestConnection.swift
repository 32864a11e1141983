import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// A plain TCP connection to the server under test, so requests go out byte for byte as written
/// (bare LF line ends, `..` segments, odd versions) and the test sees exactly what comes back.
///
/// Waiting for bytes happens on a thread of its own (`offThePool`): the server runs in this process on
/// Swift's cooperative threads (two on a two-core machine) and a test blocking them would starve it.
final class TestConnection: @unchecked Sendable {
  private let fd: Int32
  private(set) var received = Data()

  struct Failure: Error, CustomStringConvertible {
    var description: String
  }

  /// Connects to a numeric IPv4 or IPv6 address.
  init(host: String, port: UInt16) throws {
    var hints = addrinfo()
    hints.ai_flags = AI_NUMERICHOST
    hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
    var list: UnsafeMutablePointer<addrinfo>?
    guard getaddrinfo(host, String(port), &hints, &list) == 0, let address = list else {
      throw Failure(description: "cannot parse address \(host)")
    }
    defer { freeaddrinfo(list) }
    // The socket is stored only once connected: a class whose stored properties are all set runs its deinit
    // when its init throws, so closing here and storing first would close the number twice, and the second
    // close could take a descriptor another thread had just been given (a server's accepted connection:
    // NIO then stops the test process with EBADF in epoll_ctl).
    let socket = Glibc.socket(address.pointee.ai_family, Int32(SOCK_STREAM.rawValue), 0)
    guard socket >= 0 else { throw Failure(description: "socket: \(errno)") }
    guard Glibc.connect(socket, address.pointee.ai_addr, address.pointee.ai_addrlen) == 0 else {
      let code = errno
      close(socket)
      throw Failure(description: "connect to \(host):\(port): errno \(code)")
    }
    fd = socket
  }

  deinit { close(fd) }

  /// Sends bytes; `false` when the server has closed the connection.
  @discardableResult
  func send(_ text: String) -> Bool {
    let bytes = Array(text.utf8)
    return bytes.withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) } == bytes.count
  }

  /// Reads until `done` holds for everything received so far, the server closes, or `timeout` passes;
  /// returns whether `done` held.
  @discardableResult
  func read(timeout: TimeInterval, until done: @escaping @Sendable (Data) -> Bool) async -> Bool {
    await offThePool { self.blockingRead(timeout: timeout, until: done) }
  }

  /// Whether the server closed the connection within `timeout` (reading and dropping whatever came first).
  func closedByServer(within timeout: TimeInterval) async -> Bool {
    await offThePool { self.blockingClosedByServer(within: timeout) }
  }

  private func blockingRead(timeout: TimeInterval, until done: (Data) -> Bool) -> Bool {
    let deadline = Date().addingTimeInterval(timeout)
    var buffer = [UInt8](repeating: 0, count: 64 * 1024)
    while !done(received) {
      let left = deadline.timeIntervalSinceNow
      guard left > 0 else { return false }
      var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
      guard poll(&poller, 1, Int32(left * 1000)) > 0 else { return false }
      let count = buffer.withUnsafeMutableBytes { Glibc.recv(fd, $0.baseAddress, $0.count, 0) }
      guard count > 0 else { return done(received) }
      received.append(contentsOf: buffer[0..<count])
    }
    return true
  }

  private func blockingClosedByServer(within timeout: TimeInterval) -> Bool {
    let deadline = Date().addingTimeInterval(timeout)
    var buffer = [UInt8](repeating: 0, count: 4096)
    while deadline.timeIntervalSinceNow > 0 {
      var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
      guard poll(&poller, 1, Int32(deadline.timeIntervalSinceNow * 1000)) > 0 else { return false }
      let count = buffer.withUnsafeMutableBytes { Glibc.recv(fd, $0.baseAddress, $0.count, 0) }
      if count <= 0 { return true }
      received.append(contentsOf: buffer[0..<count])
    }
    return false
  }

  var text: String { String(decoding: received, as: UTF8.self) }
}

/// One response as received: status, header fields (lowercased names) and body.
struct TestResponse {
  var status: Int
  var headers: [String: String]
  var body: String

  /// Parses a complete response with a `Content-Length` (a response to HEAD has no body whatever the
  /// length says), or `nil` while it is incomplete.
  init?(_ data: Data, toHead: Bool = false) {
    guard let end = data.firstRange(of: Data("\r\n\r\n".utf8)) else { return nil }
    let head = String(decoding: data[..<end.lowerBound], as: UTF8.self).components(separatedBy: "\r\n")
    let parts = head[0].split(separator: " ")
    guard parts.count >= 2, let status = Int(parts[1]) else { return nil }
    var headers: [String: String] = [:]
    for line in head.dropFirst() {
      guard let colon = line.firstIndex(of: ":") else { continue }
      headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
    }
    let length = toHead ? 0 : Int(headers["content-length"] ?? "0") ?? 0
    let body = data[end.upperBound...]
    guard body.count >= length else { return nil }
    self.status = status
    self.headers = headers
    self.body = String(decoding: body.prefix(length), as: UTF8.self)
  }
}

extension TestConnection {
  /// Sends one request and reads its response (nil when none came within `timeout`: generous, because a test
  /// run shares two cores with hundreds of other tests and, on a developer's machine, with fuzzers; a response that
  /// took 5 s under that load once failed a run).
  func exchange(_ request: String, timeout: TimeInterval = 20) async -> TestResponse? {
    received = Data()
    send(request)
    let toHead = request.hasPrefix("HEAD ")
    await read(timeout: timeout) { TestResponse($0, toHead: toHead) != nil }
    return TestResponse(received, toHead: toHead)
  }

  /// `GET path` on a fresh connection.
  static func get(_ path: String, host: String = "127.0.0.1", port: UInt16, method: String = "GET") async throws
    -> TestResponse
  {
    let connection = try TestConnection(host: host, port: port)
    guard let response = await connection.exchange("\(method) \(path) HTTP/1.1\r\nHost: test\r\nConnection: close\r\n\r\n") else {
      throw Failure(description: "no response to \(method) \(path)")
    }
    return response
  }
}

/// Runs blocking work on a new thread and suspends the caller until it is done.
func offThePool<T: Sendable>(_ body: @escaping @Sendable () -> T) async -> T {
  await withCheckedContinuation { continuation in
    Thread { continuation.resume(returning: body()) }.start()
  }
}
