import Foundation

/// A window as a user writes it: a length ending at a moment (`30d` to `--as-of`), or `since`..`until`,
/// plus a service filter. Resolved into a `Window` once, by `resolve(now:)`.
public struct WindowSpec: Sendable, Hashable {
  /// A length such as `30d`, `12w`, `36h`; `nil` means 30 days unless `since` is given.
  public var length: String?
  public var since: String?
  public var until: String?
  public var asOf: String?
  /// Empty: every service.
  public var services: [String]

  public init(length: String? = nil, since: String? = nil, until: String? = nil, asOf: String? = nil, services: [String] = []) {
    self.length = length
    self.since = since
    self.until = until
    self.asOf = asOf
    self.services = services
  }

  /// Why a spec cannot be used, naming the field (`--window`, `--since`, …) as the user wrote it.
  public struct Invalid: Error, CustomStringConvertible, Sendable {
    public var description: String
    public init(description: String) { self.description = description }
  }

  /// Whether no window field is set (so a document's own settings may apply).
  public var isUnset: Bool { length == nil && since == nil && until == nil && asOf == nil }

  public func validate() throws {
    if length != nil && (since != nil || until != nil) { throw Invalid(description: "use --window or --since/--until, not both") }
    if let w = length, parseWindowLength(w) == nil {
      throw Invalid(description: "--window '\(w)' is not a length; expected a form like 30d, 12w or 36h")
    }
    for (name, value) in [("--since", since), ("--until", until), ("--as-of", asOf)] {
      if let value, Timestamp(rfc3339: value) == nil {
        throw Invalid(description: "\(name) '\(value)' is not an RFC 3339 timestamp; expected a form like 2026-03-01T00:00:00Z")
      }
    }
    if until != nil && asOf != nil { throw Invalid(description: "use --until or --as-of, not both") }
  }

  /// The window this spec names; `now` is its end when neither `until` nor `asOf` is given.
  public func resolve(now: Timestamp = Timestamp(seconds: Date().timeIntervalSince1970)) throws -> Window {
    let end = (until ?? asOf).flatMap { Timestamp(rfc3339: $0) } ?? now
    if let since, let start = Timestamp(rfc3339: since) {
      guard start < end else { throw Invalid(description: "--since must be before the window's end") }
      return Window(start: start, end: end)
    }
    return Window.last(days: parseWindowLength(length ?? "30d") ?? 30, endingAt: end)
  }

  /// This spec with a document's settings (`window`, `as_of`, `service`) filling what the command line left unset.
  public func filling(from settings: [String: String]) -> WindowSpec {
    var w = self
    if w.length == nil && w.since == nil && w.until == nil { w.length = settings["window"] }
    if w.asOf == nil && w.until == nil { w.asOf = settings["as_of"] }
    if w.services.isEmpty, let s = settings["service"] ?? settings["services"] {
      w.services = s.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }
    return w
  }
}
