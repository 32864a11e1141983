import Foundation
import LecternCore
import LecternDeck
import LecternMetrics
import LecternRender

/// Where a deck's live numbers come from: `--db`/`--data` and the window flags, else the deck's front
/// matter (`metrics: {db: …, data: …, window: 30d, as_of: …, service: …}`, paths relative to the deck),
/// else the default store when it exists. Each distinct store and window is computed once.
final class LiveMetricsSource: @unchecked Sendable {
  private let store: MetricsStoreOptions
  private let data: String?
  private let window: WindowOptions
  private var cache: [String: Result<LiveMetrics, Error>] = [:]
  private var stores: [String: MetricsStore] = [:]
  private let lock = NSLock()

  init(store: MetricsStoreOptions, data: String?, window: WindowOptions) {
    self.store = store
    self.data = data
    self.window = window
  }

  struct Failure: Error, CustomStringConvertible {
    var description: String
  }

  /// The store, window and services that apply to a document, `nil` when no store applies; throws when a
  /// named store cannot be used.
  func resolve(for frontMatter: FrontMatter?, deckDirectory: URL) throws
    -> (store: MetricsStore, description: String, window: Window, services: [String])?
  {
    var entries: [String: String] = [:]
    if case .mapping(let list)? = frontMatter?.entries.last(where: { $0.key == "metrics" })?.value {
      for e in list { entries[e.key.replacingOccurrences(of: "-", with: "_")] = e.value.words }
    }
    func relative(_ p: String) -> String { p.hasPrefix("/") ? p : deckDirectory.appendingPathComponent(p).path }
    // The source: flags, then front matter, then the default store if it exists.
    var source: (kind: String, path: String)?
    if let data {
      source = ("data", data)
    } else if let db = store.db {
      source = ("db", db)
    } else if let d = entries["data"] {
      source = ("data", relative(d))
    } else if let db = entries["db"] {
      source = ("db", relative(db))
    } else if FileManager.default.fileExists(atPath: store.path) {
      source = ("db", store.path)
    }
    guard let source else { return nil }
    // The window: flags, then front matter.
    var w = window
    if w.window == nil && w.since == nil && w.until == nil { w.window = entries["window"] }
    if w.asOf == nil && w.until == nil { w.asOf = entries["as_of"] }
    if w.services.isEmpty, let s = entries["service"] ?? entries["services"] {
      w.services = s.split(separator: ",").map { $0.trimmed }
    }
    do {
      try w.validate()
    } catch {
      throw Failure(description: "metrics window in front matter: \(error)")
    }
    let range = try w.resolve()
    let key = source.kind + source.path
    let opened: MetricsStore = try lock.withLock {
      if let known = stores[key] { return known }
      let made: MetricsStore
      if source.kind == "data" {
        made = try MetricsInput.inMemoryStore(from: source.path)
      } else {
        guard FileManager.default.fileExists(atPath: source.path) else {
          throw Failure(
            description: "\(source.path): error: no metrics store; run 'lectern metrics ingest FILE…' first, or use --data DIR")
        }
        made = try MetricsStore(path: source.path)
      }
      stores[key] = made
      return made
    }
    let description = source.kind == "data" ? "\(source.path) (in memory)" : source.path
    return (opened, description, range, w.services)
  }

  /// The metrics for a deck, `nil` when no store applies. Each distinct store and window is computed once.
  func metrics(for frontMatter: FrontMatter?, deckDirectory: URL) throws -> LiveMetrics? {
    guard let r = try resolve(for: frontMatter, deckDirectory: deckDirectory) else { return nil }
    let key = "\(r.description)|\(r.window.start.microseconds)|\(r.window.end.microseconds)|\(r.services.joined(separator: ","))"
    return try lock.withLock {
      if let cached = cache[key] { return try cached.get() }
      let result = Result {
        try LiveMetrics.compute(store: r.store, storeDescription: r.description, window: r.window, services: r.services)
      }
      cache[key] = result
      return try result.get()
    }
  }
}
