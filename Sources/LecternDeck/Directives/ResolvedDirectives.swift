/// The directives in effect: for a slide, its locals, inherited locals and spot values over the
/// deck's globals; for the deck, the globals alone. Later values replace earlier ones, as in Marp.
public struct ResolvedDirectives: Sendable, Hashable {
  /// Directive name → value, only known directives.
  public private(set) var values: [String: YAMLValue] = [:]

  public init() {}

  mutating func set(_ name: String, _ value: YAMLValue) { values[name] = value }

  func merging(_ other: ResolvedDirectives) -> ResolvedDirectives {
    var copy = self
    copy.values.merge(other.values) { _, new in new }
    return copy
  }

  public subscript(name: String) -> String? { values[name]?.words }

  /// These directives with `values` written over them (as if written last): command-line metadata such as
  /// `--title` wins over the deck's `title`, as in Marp CLI.
  public func overriding(_ values: [String: String]) -> ResolvedDirectives {
    var copy = self
    for (name, value) in values { copy.values[name] = .scalar(value) }
    return copy
  }

  /// The slide's classes, split on whitespace, exactly as written (`split;` stays `split;`).
  public var classes: [String] {
    (values["class"]?.words ?? "").split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" }).map(String.init)
  }

  /// Marp's pagination: `true`, `false`, `skip` or `hold`; anything but those words is `false`.
  public var paginate: Pagination {
    switch values["paginate"]?.string?.lowercased() {
    case "true": .shown
    case "skip": .skip
    case "hold": .hold
    default: .hidden
    }
  }

  /// `headingDivider` as the set of levels that start a slide (empty: off).
  public var headingDivider: Set<Int> {
    guard let value = values["headingDivider"] else { return [] }
    switch value {
    case .scalar(let s):
      guard let n = Int(s), (1...6).contains(n) else { return [] }
      return Set(1...n)
    case .sequence(let items):
      return Set(items.compactMap { Int($0.string ?? "") }.filter { (1...6).contains($0) })
    case .mapping:
      return []
    }
  }

  public enum Pagination: String, Sendable, Hashable {
    case shown = "true"
    case hidden = "false"
    case skip
    case hold
  }
}
