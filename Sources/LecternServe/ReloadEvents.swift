import Foundation
import LecternCore

/// The site's version and the open `text/event-stream` connections that follow it: every stream gets the
/// version when it changes, and a comment every 15 s so connections to clients that left are noticed.
final class ReloadEvents: Sendable {
  enum Message: Sendable, Equatable {
    case version(Int)
    case keepAlive

    /// The message as server-sent-event text.
    var text: String {
      switch self {
      case .version(let version): "data: \(version)\n\n"
      case .keepAlive: ": keep-alive\n\n"
      }
    }
  }

  private struct State {
    var version = 0
    var streams: [UUID: AsyncStream<Message>.Continuation] = [:]
    var closed = false
  }

  private let state = Locked(State())

  var version: Int { state.withLock { $0.version } }

  /// How many event streams are open.
  var openStreams: Int { state.withLock { $0.streams.count } }

  /// A new version of the site: every open stream is told.
  func advance() {
    state.withLock { state in
      state.version += 1
      for stream in state.streams.values { stream.yield(.version(state.version)) }
    }
  }

  func keepAlive() {
    state.withLock { state in
      for stream in state.streams.values { stream.yield(.keepAlive) }
    }
  }

  /// Opens a stream: the version now, then each later message, until `unsubscribe` or `closeAll`.
  func subscribe() -> (id: UUID, version: Int, messages: AsyncStream<Message>) {
    let (messages, continuation) = AsyncStream<Message>.makeStream(bufferingPolicy: .bufferingNewest(8))
    let id = UUID()
    let version = state.withLock { state in
      if state.closed {
        continuation.finish()
      } else {
        state.streams[id] = continuation
      }
      return state.version
    }
    return (id, version, messages)
  }

  func unsubscribe(_ id: UUID) {
    let stream = state.withLock { $0.streams.removeValue(forKey: id) }
    stream?.finish()
  }

  /// Ends every open stream, and every stream opened later (the server is stopping).
  func closeAll() {
    let streams = state.withLock { state in
      state.closed = true
      defer { state.streams = [:] }
      return Array(state.streams.values)
    }
    for stream in streams { stream.finish() }
  }
}
