import Foundation
import Hummingbird
import LecternCore
import LecternTemplates
import ServiceLifecycle

/// `lectern serve`: decks and postmortems under a folder, each rendered on request, every open page
/// reloaded (keeping its slide) when a file under the folder, or an extra watched file, changes.
///
/// HTTP is Hummingbird 2 (SwiftNIO): one server per listening address (`localhost` is 127.0.0.1 and ::1),
/// all on the same port and sharing one router, page cache, event streams and inotify watcher. `stop()`
/// ends the event streams and shuts every listener down gracefully; the command line is stopped by SIGTERM.
public final class DeckServer: Sendable {
  public struct Options: Sendable {
    public var host: String
    /// 0 picks a free port (the same one on every address).
    public var port: UInt16
    /// Files outside the root whose changes reload open pages too (themes, templates, the metrics store).
    public var watching: [URL]
    /// A connection must send a whole request head within this time (after opening, or after the last
    /// response); a client trickling its headers byte by byte is cut off. Open event streams are not.
    public var requestHeadTimeout: Duration
    /// Event streams get a comment this often, so connections to clients that left are noticed.
    public var keepAliveInterval: Duration

    public init(
      host: String = "127.0.0.1", port: UInt16 = 8080, watching: [URL] = [], requestHeadTimeout: Duration = .seconds(10),
      keepAliveInterval: Duration = .seconds(15)
    ) {
      self.host = host
      self.port = port
      self.watching = watching
      self.requestHeadTimeout = requestHeadTimeout
      self.keepAliveInterval = keepAliveInterval
    }
  }

  public let root: SiteRoot
  let options: Options
  let events = ReloadEvents()
  let responder: SiteResponder
  private let cache = PageCache()
  /// The running listeners, so `stop()` can shut them down; `stopping` once it was called.
  private let listeners = Locked<(stopping: Bool, groups: [ServiceGroup])>((false, []))

  /// `render` turns one Markdown file into a page (it may throw; that request gets a 500 page); `log`
  /// receives one line per failed render.
  public init(
    root: SiteRoot, options: Options, templates: TemplateLibrary = .shared, render: @escaping @Sendable (URL) throws -> SitePage,
    log: @escaping @Sendable (String) -> Void
  ) {
    self.root = root
    self.options = options
    self.responder = SiteResponder(
      root: root, pages: SitePages(root: root, templates: templates), events: events, cache: cache, render: render, log: log)
  }

  /// Serves until `stop()` or until a listener fails; `listening` gets the base URL of every bound address
  /// once all are bound.
  public func run(listening: @escaping @Sendable ([String]) -> Void) async throws {
    let addresses = try ListenAddresses.resolve(options.host)
    let watcher = try SiteWatcher(root: root, extra: options.watching)
    let router = responder.router()
    let keepAlive = Task { [events, options] in
      while !Task.isCancelled {
        try? await Task.sleep(for: options.keepAliveInterval)
        events.keepAlive()
      }
    }
    defer { keepAlive.cancel() }
    try await withThrowingTaskGroup(of: Void.self) { group in
      var port = options.port
      if port == 0, addresses.count > 1, let common = ListenAddresses.commonFreePort(addresses) { port = common }
      var urls: [String] = []
      for address in addresses {
        port = try await start(address, port: port, router: router, in: &group)
        urls.append("http://\(ListenAddresses.urlHost(address)):\(port)/")
      }
      watcher.start { [cache, events] in
        cache.clear()
        events.advance()
      }
      defer { watcher.stop() }
      listening(urls)
      try await group.waitForAll()
    }
  }

  /// Ends every event stream and shuts the listeners down (open requests finish first); `run` then returns.
  public func stop() async {
    let groups = listeners.withLock { state in
      state.stopping = true
      return state.groups
    }
    events.closeAll()
    for group in groups { await group.triggerGracefulShutdown() }
  }

  /// Starts one Hummingbird server on `address` and returns its port once it is bound.
  private func start(
    _ address: String, port: UInt16, router: Router<BasicRequestContext>, in group: inout ThrowingTaskGroup<Void, Error>
  ) async throws -> UInt16 {
    let (bound, reportBound) = AsyncStream<Int>.makeStream()
    let timeout = options.requestHeadTimeout.components
    var app = Application(
      router: router,
      server: .http1(
        configuration: .init(
          idleTimeout: .nanoseconds(timeout.seconds * 1_000_000_000 + timeout.attoseconds / 1_000_000_000))),
      configuration: .init(address: .hostname(address, port: Int(port)), serverName: nil),
      onServerRunning: { channel in
        reportBound.yield(channel.localAddress?.port ?? 0)
        reportBound.finish()
      })
    app.logger.logLevel = .critical
    let service = ServiceGroup(services: [app], logger: app.logger)
    let stopping = listeners.withLock { state in
      state.groups.append(service)
      return state.stopping
    }
    if stopping { await service.triggerGracefulShutdown() }
    group.addTask {
      defer { reportBound.finish() }
      try await service.run()
    }
    for await port in bound { return UInt16(port) }
    // The server stopped before it was bound: its error says why.
    try await group.next()
    throw ServeError.notBound(address)
  }

  /// Runs the server on this (non-async) thread until the process is killed; for the command line.
  public func runUntilKilled(listening: @escaping @Sendable ([String]) -> Void) throws {
    let outcome = Locked<Error?>(nil)
    let done = DispatchSemaphore(value: 0)
    Task {
      do { try await run(listening: listening) } catch { outcome.withLock { $0 = error } }
      done.signal()
    }
    done.wait()
    if let error = outcome.snapshot { throw error }
  }
}

/// Why the server could not start.
public enum ServeError: Error, CustomStringConvertible {
  case notBound(String)

  public var description: String {
    switch self {
    case .notBound(let address): "cannot listen on \(address)"
    }
  }
}
