import LecternCore

/// One directive as written, in front matter or in an HTML comment.
public struct Directive: Sendable, Hashable {
  /// Where a directive applies (Marp's three kinds).
  public enum Scope: String, Sendable, Hashable {
    /// The whole deck; the last value written wins.
    case global
    /// This slide and the following ones.
    case local
    /// This slide only (`_` prefix).
    case spot
  }

  public enum Origin: String, Sendable, Hashable {
    case frontMatter
    case comment
  }

  /// The key exactly as written (`_class`, `BackgroundColor`).
  public var key: String
  /// The directive's name without the spot prefix (`class`).
  public var name: String
  public var value: YAMLValue
  /// `nil` when the key is not a directive Marp knows.
  public var scope: Scope?
  public var origin: Origin
  public var location: SourceLocation?

  public var isKnown: Bool { scope != nil }
}
