import Foundation
import LecternCore
import LecternDORA
import LecternMetrics
import LecternPipeline
import LecternServe
import LecternSlides
import LecternTemplates
import LecternTestSupport

/// A real `DeckServer` on a free loopback port inside the test process, with the real renderer.
/// `withRunningSite` stops it at the end of the test, whatever happens, and checks it is gone.
final class RunningSite: Sendable {
  let urls: [String]
  let port: UInt16
  let root: URL
  /// The lines the server logged (one per failed render).
  let logs: Locked<[String]>
  private let server: DeckServer
  private let task: Task<Void, Error>

  private init(urls: [String], port: UInt16, root: URL, logs: Locked<[String]>, server: DeckServer, task: Task<Void, Error>) {
    self.server = server
    self.urls = urls
    self.port = port
    self.root = root
    self.logs = logs
    self.task = task
  }

  struct NotStarted: Error, CustomStringConvertible {
    var description: String
  }

  static func start(
    root: URL, host: String = "127.0.0.1", requestHeadTimeout: Duration = .seconds(10),
    render: (@Sendable (URL) throws -> SitePage)? = nil
  ) async throws -> RunningSite {
    let logs = Locked<[String]>([])
    let server = DeckServer(
      root: SiteRoot(root), options: .init(host: host, port: 0, requestHeadTimeout: requestHeadTimeout),
      render: render ?? realRenderer(), log: { line in logs.withLock { $0.append(line) } })
    let (started, report) = AsyncStream<[String]>.makeStream()
    let task = Task {
      defer { report.finish() }
      try await server.run { urls in report.yield(urls) }
    }
    for await urls in started {
      let port = UInt16(urls[0].split(separator: ":").last!.dropLast())!
      return RunningSite(urls: urls, port: port, root: root, logs: logs, server: server, task: task)
    }
    let outcome = await task.result
    throw NotStarted(description: "the server did not start: \(outcome)")
  }

  /// The renderer `lectern serve` uses, with built-in themes and templates and no metrics store.
  static func realRenderer() -> @Sendable (URL) throws -> SitePage {
    let store = TestPaths.temporaryDirectory().appendingPathComponent("none.sqlite").path
    let renderer = SiteRenderer(
      themes: ThemeSet(), templates: .shared, allowHTML: false,
      numbers: DocumentNumbers(defaults: MetricsDefaults(data: nil, db: nil, defaultStore: store, window: WindowSpec())))
    return { renderer.page(for: $0) }
  }

  /// Stops the server and waits until `run` has returned.
  func stop() async {
    await server.stop()
    _ = await task.result
  }
}

/// Runs `body` against a freshly started server and stops it afterwards, also when `body` throws.
func withRunningSite<T>(
  root: URL, host: String = "127.0.0.1", requestHeadTimeout: Duration = .seconds(10),
  render: (@Sendable (URL) throws -> SitePage)? = nil, _ body: (RunningSite) async throws -> T
) async throws -> T {
  let site = try await RunningSite.start(root: root, host: host, requestHeadTimeout: requestHeadTimeout, render: render)
  do {
    let result = try await body(site)
    await site.stop()
    return result
  } catch {
    await site.stop()
    throw error
  }
}

/// A served folder: a two-slide deck, a picture, a secret outside, hidden files inside, and links to both.
enum SiteFixture {
  static let deck = "---\nmarp: true\n---\n\n# First slide\n\n---\n\n# Second slide\n\nThe answer is forty-one.\n"

  static func make() throws -> URL {
    let dir = TestPaths.temporaryDirectory()
    let site = dir.appendingPathComponent("site")
    let files = FileManager.default
    try files.createDirectory(at: site.appendingPathComponent("img"), withIntermediateDirectories: true)
    try files.createDirectory(at: site.appendingPathComponent(".private"), withIntermediateDirectories: true)
    try deck.write(to: site.appendingPathComponent("talk.md"), atomically: true, encoding: .utf8)
    try "<svg xmlns=\"http://www.w3.org/2000/svg\"/>".write(
      to: site.appendingPathComponent("img/dot.svg"), atomically: true, encoding: .utf8)
    try "outside-secret".write(to: dir.appendingPathComponent("secret.txt"), atomically: true, encoding: .utf8)
    try "API_KEY=hidden-secret".write(to: site.appendingPathComponent(".env"), atomically: true, encoding: .utf8)
    try "private-secret".write(to: site.appendingPathComponent(".private/notes.txt"), atomically: true, encoding: .utf8)
    try files.createSymbolicLink(atPath: site.appendingPathComponent("escape.txt").path, withDestinationPath: "../secret.txt")
    try files.createSymbolicLink(atPath: site.appendingPathComponent("visible.txt").path, withDestinationPath: ".env")
    try files.createSymbolicLink(atPath: site.appendingPathComponent("peek").path, withDestinationPath: ".private")
    return site
  }
}
