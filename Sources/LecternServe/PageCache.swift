import Foundation
import Hummingbird
import LecternCore

/// Rendered pages by file, valid for one version of the site. Requests for a page that is being rendered
/// wait for that render instead of starting another, so a change seen by 200 open clients renders once.
/// A page that failed to render is cached too (as its error page), so a broken deck is not re-rendered on
/// every request; any change to the site starts over.
final class PageCache: Sendable {
  /// A rendered page, or the error page of a failed render.
  struct Entry: Sendable {
    var status: HTTPResponse.Status
    var body: ByteBuffer
  }

  private let entries = Locked<[String: (version: Int, page: Task<Entry, Never>)]>([:])

  /// The cached page for `key` at `version`, or the result of `render` (cached for that version).
  func page(_ key: String, version: Int, render: @escaping @Sendable () async -> Entry) async -> Entry {
    let task = entries.withLock { entries in
      if let hit = entries[key], hit.version == version { return hit.page }
      let task = Task { await render() }
      entries[key] = (version, task)
      return task
    }
    return await task.value
  }

  func clear() {
    entries.withLock { $0.removeAll() }
  }
}
