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
  /// A reader's or renderer's code this finding re-reports (one of the rule's `alsoReports`); `nil`: the rule's id.
  public var code: DiagnosticCode?
  /// The reader's severity for a re-reported finding; `nil`: the rule's (or the configuration's).
  public var severity: Severity?

  public init(
    _ message: String, at range: SourceRange, fix: Fix? = nil, code: DiagnosticCode? = nil, severity: Severity? = nil
  ) {
    self.message = message
    self.range = range
    self.fix = fix
    self.code = code
    self.severity = severity
  }

  /// A reader's or renderer's diagnostic, re-reported as it is (same code, same words), with an optional fix.
  public init(reporting diagnostic: Diagnostic, at fallback: SourceRange, fix: Fix? = nil) {
    self.init(
      diagnostic.message, at: diagnostic.range ?? fallback, fix: fix ?? diagnostic.fix, code: diagnostic.code,
      severity: diagnostic.severity)
  }
}

/// Who a rule, its default severity and its examples.
public struct RuleDescription: Sendable {
  public enum Scope: String, Sendable { case all, decks, documents }

  /// The registered code every finding of this rule carries.
  public var id: DiagnosticCode
  /// Codes a reader or the slide builder produces that this rule re-reports unchanged, so `lint` can gate on
  /// everything `build` warns about under the same ids.
  public var alsoReports: [DiagnosticCode]
  public var summary: String
  public var rationale: String
  public var severity: Severity
  public var scope: Scope
  /// Examples that run as tests: `↓` marks where each finding must start.
  public var examples: [RuleExample]
  /// The markdownlint rule this one stands for (`MD001` and its alias `heading-increment`): read in
  /// `<!-- markdownlint-disable … -->` comments and `.markdownlint.{json,yaml}` files.
  public var markdownlint: [String]
  /// Off unless a configuration turns it on (markdownlint's opinionated rules).
  public var isEnabledByDefault: Bool

  /// The rule's id and every code it re-reports: what `--rule`, `.lectern.yml` and suppressions match.
  public var codes: [DiagnosticCode] { [id] + alsoReports }

  /// Whether `name` (as a user writes it) names this rule.
  public func answers(to name: String) -> Bool { codes.contains { $0.rawValue == name } }

  public init(
    id: DiagnosticCode, alsoReports: [DiagnosticCode] = [], summary: String, rationale: String, severity: Severity,
    scope: Scope = .all, markdownlint: [String] = [], isEnabledByDefault: Bool = true, examples: [RuleExample]
  ) {
    self.markdownlint = markdownlint
    self.isEnabledByDefault = isEnabledByDefault
    self.id = id
    self.alsoReports = alsoReports
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
  /// A finding at each `↓` once the deck is measured in headless Chromium (the layout rules; run by the
  /// browser tests, silent without a browser).
  case failsWhenMeasured(String)
}

/// Per-rule options from `.lectern.yml` (numbers, words), with defaults in the rule.
public struct RuleOptions: Sendable, Hashable {
  public var values: [String: String]

  public init(_ values: [String: String] = [:]) { self.values = values }

  public func int(_ key: String, default value: Int) -> Int { values[key].flatMap(Int.init) ?? value }
}
