/// How serious a diagnostic is.
public enum Severity: String, Sendable, Hashable, Comparable, CaseIterable {
  case note
  case warning
  case error

  private var rank: Int {
    switch self {
    case .note: 0
    case .warning: 1
    case .error: 2
    }
  }

  public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
}

/// A problem found in a user's document or data: collected, never thrown.
///
/// Messages are lowercase, without a trailing period, quote the offending text and say what was
/// expected. `range` is `nil` only when the problem concerns the whole file.
public struct Diagnostic: Sendable, Hashable {
  public var severity: Severity
  public var message: String
  public var path: String
  public var range: SourceRange?
  /// The kind of problem (`front-matter-yaml`, `unknown-directive`, ...): a registered code, the same in
  /// `build` and `lint`; for lint findings, the rule id.
  public var code: DiagnosticCode
  /// Edits that repair the problem without losing content, when it can be repaired.
  public var fix: Fix?

  public init(
    _ severity: Severity, _ message: String, path: String, range: SourceRange?, code: DiagnosticCode, fix: Fix? = nil
  ) {
    self.severity = severity
    self.message = message
    self.path = path
    self.range = range
    self.code = code
    self.fix = fix
  }

  /// `path:line:column: severity: message [code]`, the form editors and CI logs understand.
  public var formatted: String {
    let position = range.map { ":\($0.start.line):\($0.start.column)" } ?? ""
    return "\(path)\(position): \(severity.rawValue): \(message) [\(code)]"
  }
}
