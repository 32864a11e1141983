import LecternCore

/// A lint rule: one file that documents and tests itself (see `RuleDescription.examples`).
public protocol LintRule: Sendable {
  static var description: RuleDescription { get }
  init(options: RuleOptions)
  /// Adds findings for `target` to `findings`. Severity and rule id are filled in by the linter.
  func check(_ target: LintTarget, into findings: inout [Finding])
}

/// What a rule reports: a message, where, and optionally a fix.
public struct Finding: Sendable, Hashable {
  public var message: String
  public var range: SourceRange
  public var fix: Fix?

  public init(_ message: String, at range: SourceRange, fix: Fix? = nil) {
    self.message = message
    self.range = range
    self.fix = fix
  }
}

/// Who a rule, its default severity and its examples.
public struct RuleDescription: Sendable {
  public enum Scope: String, Sendable { case all, decks }

  public var id: String
  public var summary: String
  public var rationale: String
  public var severity: Severity
  public var scope: Scope
  /// Examples that run as tests: `↓` marks where each finding must start.
  public var examples: [RuleExample]

  public init(
    id: String, summary: String, rationale: String, severity: Severity, scope: Scope = .all, examples: [RuleExample]
  ) {
    self.id = id
    self.summary = summary
    self.rationale = rationale
    self.severity = severity
    self.scope = scope
    self.examples = examples
  }
}

/// An example of a rule's behaviour.
public enum RuleExample: Sendable {
  /// No finding.
  case passes(String)
  /// A finding at each `↓`.
  case fails(String)
  /// `--fix` turns the first text into the second (and a second run changes nothing).
  case fixes(String, String)
}

/// Per-rule options from `.lectern.yml` (numbers, words), with defaults in the rule.
public struct RuleOptions: Sendable, Hashable {
  public var values: [String: String]

  public init(_ values: [String: String] = [:]) { self.values = values }

  public func int(_ key: String, default value: Int) -> Int { values[key].flatMap(Int.init) ?? value }
}
