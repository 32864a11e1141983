import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// A small HTTP/1.1 server for `serve`: a thread accepts connections, each connection gets a thread that
/// answers keep-alive GET/HEAD requests, and `text/event-stream` responses stay open for server-sent
/// events. Responses go out in one write with TCP_NODELAY, so there is no Nagle delay.
final class HTTPListener: @unchecked Sendable {
  struct Request: Sendable {
    var method: String
    /// The path as sent (percent-encoded), without the query.
    var path: String
    var query: String?
    var headers: [String: String]
  }

  enum Response: Sendable {
    case full(status: Int, headers: [(String, String)], body: [UInt8])
    /// Server-sent events: the connection is handed to `events` until the client goes away.
    case events
  }

  typealias Handler = @Sendable (Request) -> Response

  private let handler: Handler
  private let events: EventStreams
  private var listenFD: Int32 = -1

  init(events: EventStreams, handler: @escaping Handler) {
    self.handler = handler
    self.events = events
  }

  enum Failure: Error, CustomStringConvertible {
    case system(String)
    var description: String {
      switch self {
      case .system(let s): s
      }
    }
  }

  /// Binds and starts accepting; returns the bound port.
  func start(host: String, port: UInt16) throws -> UInt16 {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard fd >= 0 else { throw Failure.system("socket: \(String(cString: strerror(errno)))") }
    var yes: Int32 = 1
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = port.bigEndian
    guard inet_pton(AF_INET, host, &address.sin_addr) == 1 else {
      close(fd)
      throw Failure.system("'\(host)' is not an IPv4 address")
    }
    let bound = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
    }
    guard bound == 0 else {
      let message = String(cString: strerror(errno))
      close(fd)
      throw Failure.system("bind \(host):\(port): \(message)")
    }
    guard listen(fd, 512) == 0 else { throw Failure.system("listen: \(String(cString: strerror(errno)))") }
    var actual = sockaddr_in()
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    _ = withUnsafeMutablePointer(to: &actual) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
    }
    listenFD = fd
    let thread = Thread { [self] in acceptLoop() }
    thread.name = "lectern-accept"
    thread.start()
    return UInt16(bigEndian: actual.sin_port)
  }

  private func acceptLoop() {
    while true {
      let client = accept(listenFD, nil, nil)
      if client < 0 {
        if errno == EINTR || errno == ECONNABORTED || errno == EMFILE { continue }
        return
      }
      var yes: Int32 = 1
      setsockopt(client, Int32(IPPROTO_TCP), TCP_NODELAY, &yes, socklen_t(MemoryLayout<Int32>.size))
      var timeout = timeval(tv_sec: 30, tv_usec: 0)
      setsockopt(client, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
      let thread = Thread { [self] in serve(client) }
      thread.stackSize = 1 << 20
      thread.start()
    }
  }

  private func serve(_ fd: Int32) {
    var buffer: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 8192)
    defer { close(fd) }
    while true {
      // Read one request head.
      var headEnd: Int?
      while headEnd == nil {
        if let end = Self.find(buffer) {
          headEnd = end
          break
        }
        guard buffer.count < 32 * 1024 else {
          _ = write(fd, Self.simple(431, "request header too large"), keepAlive: false)
          return
        }
        let n = read(fd, &chunk, chunk.count)
        if n <= 0 { return }
        buffer.append(contentsOf: chunk[0..<n])
      }
      guard let end = headEnd else { return }
      let head = String(decoding: buffer[0..<end], as: UTF8.self)
      buffer.removeFirst(end + 4)
      let lines = head.split(separator: "\r\n", omittingEmptySubsequences: false)
      let parts = lines.first?.split(separator: " ") ?? []
      guard parts.count == 3 else {
        _ = write(fd, Self.simple(400, "bad request line"), keepAlive: false)
        return
      }
      var headers: [String: String] = [:]
      for line in lines.dropFirst() {
        guard let colon = line.firstIndex(of: ":") else { continue }
        headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
      }
      // Bodies are not used; read and drop one if announced.
      if let length = headers["content-length"].flatMap(Int.init), length > 0 {
        var remaining = length - min(length, buffer.count)
        buffer.removeFirst(min(length, buffer.count))
        while remaining > 0 {
          let n = read(fd, &chunk, min(chunk.count, remaining))
          if n <= 0 { return }
          remaining -= n
        }
      }
      let target = String(parts[1])
      let query = target.firstIndex(of: "?").map { String(target[target.index(after: $0)...]) }
      let path = target.firstIndex(of: "?").map { String(target[..<$0]) } ?? target
      let method = String(parts[0])
      let keepAlive = headers["connection"]?.lowercased() != "close" && parts[2] == "HTTP/1.1"
      guard method == "GET" || method == "HEAD" else {
        _ = write(fd, Self.simple(405, "only GET and HEAD"), keepAlive: false)
        return
      }
      switch handler(Request(method: method, path: path, query: query, headers: headers)) {
      case .events:
        events.hold(fd)  // returns when the client is gone
        return
      case .full(let status, let extra, let body):
        let response = Self.encode(status: status, headers: extra, body: method == "HEAD" ? [] : body, length: body.count)
        guard write(fd, response, keepAlive: keepAlive), keepAlive else { return }
      }
    }
  }

  private func write(_ fd: Int32, _ bytes: [UInt8], keepAlive: Bool) -> Bool {
    Self.writeAll(fd, bytes)
  }

  static func writeAll(_ fd: Int32, _ bytes: [UInt8]) -> Bool {
    var offset = 0
    while offset < bytes.count {
      let n = bytes.withUnsafeBytes { send(fd, $0.baseAddress! + offset, bytes.count - offset, Int32(MSG_NOSIGNAL)) }
      if n < 0 {
        if errno == EINTR { continue }
        return false
      }
      offset += n
    }
    return true
  }

  private static func find(_ buffer: [UInt8]) -> Int? {
    guard buffer.count >= 4 else { return nil }
    for i in 0...(buffer.count - 4) where buffer[i] == 13 && buffer[i + 1] == 10 && buffer[i + 2] == 13 && buffer[i + 3] == 10 {
      return i
    }
    return nil
  }

  static let reasons: [Int: String] = [
    200: "OK", 400: "Bad Request", 404: "Not Found", 405: "Method Not Allowed", 431: "Request Header Fields Too Large",
    500: "Internal Server Error",
  ]

  static func encode(status: Int, headers: [(String, String)], body: [UInt8], length: Int) -> [UInt8] {
    var head = "HTTP/1.1 \(status) \(reasons[status] ?? "Status")\r\n"
    for (name, value) in headers { head += "\(name): \(value)\r\n" }
    head += "Content-Length: \(length)\r\n\r\n"
    return Array(head.utf8) + body
  }

  private static func simple(_ status: Int, _ message: String) -> [UInt8] {
    encode(
      status: status, headers: [("Content-Type", "text/plain; charset=utf-8"), ("Connection", "close")],
      body: Array((message + "\n").utf8), length: message.utf8.count + 1)
  }
}

/// Open `text/event-stream` connections; each gets the site's version whenever it changes, and a
/// comment every 15 s so dead connections are noticed.
final class EventStreams: @unchecked Sendable {
  private let condition = NSCondition()
  private var version = 0
  private(set) var count = 0

  func publish(version v: Int) {
    condition.lock()
    version = v
    condition.broadcast()
    condition.unlock()
  }

  /// Serves one event-stream connection until the client goes away.
  func hold(_ fd: Int32) {
    let head =
      "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\nConnection: keep-alive\r\n\r\n"
    condition.lock()
    var seen = version
    count += 1
    condition.unlock()
    defer {
      condition.lock()
      count -= 1
      condition.unlock()
    }
    guard HTTPListener.writeAll(fd, Array((head + "retry: 500\ndata: \(seen)\n\n").utf8)) else { return }
    while true {
      condition.lock()
      let deadline = Date().addingTimeInterval(15)
      while version == seen && condition.wait(until: deadline) {}
      let current = version
      condition.unlock()
      let message = current == seen ? ": keep-alive\n\n" : "data: \(current)\n\n"
      seen = current
      guard HTTPListener.writeAll(fd, Array(message.utf8)) else { return }
    }
  }
}
