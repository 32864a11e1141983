import Foundation
import LecternCore
import LecternDeck
import LecternLayout

/// Runs the enabled rules on one file, applies inline suppressions and the configuration, and
/// returns diagnostics in source order. Never prints.
public struct Linter: Sendable {
  public var configuration: LintConfiguration
  /// Rule ids to run exclusively (`--rule`); empty runs all enabled rules.
  public var only: Set<String>
  /// What the files of one run share (`nil`: nothing is remembered between files, as a language server needs).
  public var shared: LintRunCache?

  public init(configuration: LintConfiguration = LintConfiguration(), only: Set<String> = []) {
    self.configuration = configuration
    self.only = only
  }

  public func lint(_ source: SourceFile) -> [Diagnostic] {
    lint(LintTarget(source: source))
  }

  /// Lints `source` with what the layout measurement found in it (`nil`: not measured).
  public func lint(_ source: SourceFile, layout: [LayoutFinding]?) -> [Diagnostic] {
    var target = LintTarget(source: source)
    target.layoutFindings = target.deck == nil ? nil : layout
    return lint(target)
  }

  public func lint(_ target: LintTarget) -> [Diagnostic] {
    var target = target
    if target.shared == nil { target.shared = shared }
    let suppressions = Suppressions(source: target.source, isOpaqueLine: target.isOpaqueLine)
    var diagnostics: [Diagnostic] = []
    for ruleType in LintRules.all {
      let description = ruleType.description
      if !only.isEmpty && !only.contains(where: description.answers(to:)) { continue }
      if configuration.disabled.contains(description.id.rawValue) { continue }
      if !description.isEnabledByDefault && !configuration.enabled.contains(description.id.rawValue)
        && !only.contains(where: description.answers(to:))
      {
        continue
      }
      if description.scope == .decks && target.deck == nil { continue }
      if description.scope == .documents && target.deck != nil { continue }
      let rule = ruleType.init(options: configuration.options[description.id.rawValue] ?? RuleOptions())
      var findings: [Finding] = []
      rule.check(target, into: &findings)
      for f in findings {
        let code = f.code ?? description.id
        if configuration.disabled.contains(code.rawValue) { continue }
        if suppressions.suppresses(code.rawValue, line: f.range.start.line)
          || (code != description.id && suppressions.suppresses(description.id.rawValue, line: f.range.start.line))
        {
          continue
        }
        let severity =
          configuration.severities[code.rawValue] ?? configuration.severities[description.id.rawValue] ?? f.severity
          ?? description.severity
        diagnostics.append(Diagnostic(severity, f.message, path: target.path, range: f.range, code: code, fix: f.fix))
      }
    }
    return Self.inSourceOrder(diagnostics)
  }

  /// Diagnostics by position (unplaced first), then by code: the order every output lists them in.
  public static func inSourceOrder(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
    diagnostics.sorted {
      let a = $0.range?.start ?? SourceLocation(line: 0, column: 0)
      let b = $1.range?.start ?? SourceLocation(line: 0, column: 0)
      return a != b ? a < b : $0.code < $1.code
    }
  }
}
