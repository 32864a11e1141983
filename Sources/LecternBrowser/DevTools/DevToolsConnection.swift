import Foundation
import LecternCore

#if canImport(Glibc)
  import Glibc
#endif

/// The Chrome DevTools Protocol over a browser's pipes: numbered commands, replies matched by id, events
/// delivered to whoever asked for them first.
///
/// Messages are JSON objects terminated by a NUL byte. One thread reads the event pipe; replies resume the
/// waiting command; events that nobody expects are dropped. When the pipe closes every waiting command fails
/// with `BrowserError.browserExited`.
final class DevToolsConnection: Sendable {
  private let process: BrowserProcess
  private let state = Locked(State())
  private let writeLock = NSLock()

  private struct State {
    var nextID = 1
    var pending: [Int: (method: String, continuation: CheckedContinuation<Data, Error>)] = [:]
    var expected: [Int: ExpectedEvent] = [:]
    var closed = false
  }

  /// An event somebody waits for: still to come, already arrived, or awaited right now.
  private struct ExpectedEvent {
    var method: String
    var sessionID: String?
    var arrived: Data?
    var continuation: CheckedContinuation<Data, Error>?
  }

  init(process: BrowserProcess) {
    self.process = process
    Thread.detachNewThread { [self] in readLoop() }
  }

  /// Sends `method` with `params` (to a page when `sessionID` is set) and returns the raw `result` object.
  func send(_ method: String, _ params: some Encodable & Sendable, sessionID: String? = nil, timeout: Double) async throws
    -> Data
  {
    let paramsData = try JSONEncoder().encode(params)
    let id = state.withLock { state in
      defer { state.nextID += 1 }
      return state.nextID
    }
    let timer = Task { [weak self] in
      try await Task.sleep(nanoseconds: UInt64(timeout * 1e9))
      self?.fail(id, error: .timedOut(method: method, seconds: timeout))
    }
    defer { timer.cancel() }
    return try await withCheckedThrowingContinuation { continuation in
      let open = state.withLock { state in
        if !state.closed { state.pending[id] = (method, continuation) }
        return !state.closed
      }
      guard open else {
        return continuation.resume(throwing: BrowserError.browserExited(method: method, output: process.errorOutput))
      }
      let message = Self.envelope(id: id, method: method, params: paramsData, sessionID: sessionID)
      let written = writeLock.withLock { process.write(message) }
      if !written { fail(id, error: .browserExited(method: method, output: process.errorOutput)) }
    }
  }

  /// Decodes the `result` of `method` as `Reply`.
  func send<Reply: Decodable>(
    _ method: String, _ params: some Encodable & Sendable, sessionID: String? = nil, timeout: Double, as: Reply.Type
  ) async throws -> Reply {
    let data = try await send(method, params, sessionID: sessionID, timeout: timeout)
    do {
      return try JSONDecoder().decode(Reply.self, from: data)
    } catch {
      throw BrowserError.unexpectedReply(method: method, reason: "\(error)")
    }
  }

  /// Registers interest in the next `method` event of a session before the command that causes it is sent;
  /// pass the token to `wait(for:timeout:)`.
  func expect(_ method: String, sessionID: String?) -> Int {
    state.withLock { state in
      let token = state.nextID
      state.nextID += 1
      state.expected[token] = ExpectedEvent(method: method, sessionID: sessionID)
      return token
    }
  }

  /// Waits for the event registered under `token`; returns its `params` object.
  func wait(for token: Int, timeout: Double) async throws -> Data {
    let method = state.withLock { $0.expected[token]?.method } ?? "event"
    let timer = Task { [weak self] in
      try await Task.sleep(nanoseconds: UInt64(timeout * 1e9))
      self?.failEvent(token, error: .timedOut(method: method, seconds: timeout))
    }
    defer { timer.cancel() }
    return try await withCheckedThrowingContinuation { continuation in
      let ready: Result<Data, Error>? = state.withLock { state in
        guard var event = state.expected[token] else {
          return .failure(BrowserError.browserExited(method: method, output: ""))
        }
        if let data = event.arrived {
          state.expected[token] = nil
          return .success(data)
        }
        if state.closed { return .failure(BrowserError.browserExited(method: method, output: "")) }
        event.continuation = continuation
        state.expected[token] = event
        return nil
      }
      if let ready { continuation.resume(with: ready) }
    }
  }

  /// Forgets an expected event that will not be awaited.
  func cancel(_ token: Int) {
    state.withLock { _ = $0.expected.removeValue(forKey: token) }
  }

  private static func envelope(id: Int, method: String, params: Data, sessionID: String?) -> Data {
    var text = "{\"id\":\(id),\"method\":\(quoted(method)),\"params\":"
    text += String(decoding: params, as: UTF8.self)
    if let sessionID { text += ",\"sessionId\":\(quoted(sessionID))" }
    return Data((text + "}").utf8)
  }

  private static func quoted(_ string: String) -> String {
    String(decoding: try! JSONEncoder().encode(string), as: UTF8.self)
  }
}

extension DevToolsConnection {
  /// Reads NUL-terminated messages until the browser closes its end.
  private func readLoop() {
    var buffer = Data()
    var chunk = [UInt8](repeating: 0, count: 65536)
    while true {
      let count = chunk.withUnsafeMutableBytes { read(process.events, $0.baseAddress, 65536) }
      if count < 0 && errno == EINTR { continue }
      if count <= 0 { break }
      buffer.append(contentsOf: chunk[0..<count])
      while let end = buffer.firstIndex(of: 0) {
        dispatch(buffer[buffer.startIndex..<end])
        buffer.removeSubrange(buffer.startIndex...end)
      }
    }
    closeAll()
  }

  private func dispatch(_ message: Data) {
    guard let object = try? JSONSerialization.jsonObject(with: message) as? [String: Any] else { return }
    if let id = object["id"] as? Int {
      let waiting = state.withLock { $0.pending.removeValue(forKey: id) }
      guard let waiting else { return }
      if let error = object["error"] as? [String: Any] {
        let code = error["code"] as? Int ?? 0
        let text = error["message"] as? String ?? "unknown error"
        waiting.continuation.resume(throwing: BrowserError.protocolError(method: waiting.method, code: code, message: text))
      } else {
        let result = object["result"] ?? [String: Any]()
        waiting.continuation.resume(returning: (try? JSONSerialization.data(withJSONObject: result)) ?? Data("{}".utf8))
      }
    } else if let method = object["method"] as? String {
      deliver(method: method, sessionID: object["sessionId"] as? String, params: object["params"])
    }
  }

  private func deliver(method: String, sessionID: String?, params: Any?) {
    let data = (try? JSONSerialization.data(withJSONObject: params ?? [String: Any]())) ?? Data("{}".utf8)
    let continuation: CheckedContinuation<Data, Error>? = state.withLock { state in
      let match = state.expected.filter {
        $0.value.method == method && $0.value.sessionID == sessionID && $0.value.arrived == nil
      }
      .min { $0.key < $1.key }
      guard let (token, event) = match else { return nil }
      if let continuation = event.continuation {
        state.expected[token] = nil
        return continuation
      }
      state.expected[token]?.arrived = data
      return nil
    }
    continuation?.resume(returning: data)
  }

  private func fail(_ id: Int, error: BrowserError) {
    state.withLock { $0.pending.removeValue(forKey: id) }?.continuation.resume(throwing: error)
  }

  private func failEvent(_ token: Int, error: BrowserError) {
    let continuation = state.withLock { state -> CheckedContinuation<Data, Error>? in
      guard let continuation = state.expected[token]?.continuation else { return nil }
      state.expected[token] = nil
      return continuation
    }
    continuation?.resume(throwing: error)
  }

  private func closeAll() {
    let output = process.errorOutput
    let (commands, events) = state.withLock { state in
      state.closed = true
      defer {
        state.pending = [:]
        state.expected = state.expected.filter { $0.value.arrived != nil }
      }
      return (state.pending.values.map { ($0.method, $0.continuation) }, state.expected.values.compactMap { $0.continuation })
    }
    for (method, continuation) in commands {
      continuation.resume(throwing: BrowserError.browserExited(method: method, output: output))
    }
    for continuation in events { continuation.resume(throwing: BrowserError.browserExited(method: "event", output: output)) }
  }
}
