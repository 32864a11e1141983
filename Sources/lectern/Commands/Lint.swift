import ArgumentParser
import Foundation
import LecternCore
import LecternLint

extension Lectern {
  struct Lint: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Find broken tables and deck defects; fix what can be fixed.",
      discussion: """
        Lints Markdown files, directories (every *.md inside, recursively), globs and '-' (standard input). \
        Settings come from the nearest .lectern.yml above each file, or --config. Suppress a finding with \
        '<!-- lectern-disable-next-line rule-id -->' or a '<!-- lectern-disable rule-id -->' … \
        '<!-- lectern-enable rule-id -->' range. Findings at or above --fail-on give status 1. \
        \(ExitStatus.help)
        """)

    @Argument(help: "Files, directories, globs, or '-' for standard input (default: the current directory).")
    var paths: [String] = []

    @Option(help: "Output format: text, json, sarif or github.")
    var format: DiagnosticFormat = .text

    @Option(name: .customLong("fail-on"), help: "The lowest severity that makes the exit status 1: note, warning or error.")
    var failOn: Severity = .warning

    @Flag(help: "Repair what can be repaired without losing content, and write the files back atomically.")
    var fix = false

    @Flag(help: "With --fix: print the changes as a unified diff instead of writing them.")
    var diff = false

    @Option(help: "Use this configuration file instead of the nearest .lectern.yml.")
    var config: String?

    @Option(name: .customLong("rule"), help: "Run only this rule (repeatable).")
    var rules: [String] = []

    @Flag(name: .customLong("list-rules"), help: "Print every rule with its default severity and description.")
    var listRules = false

    @Option(help: "Colour the text output: auto (on a terminal, unless NO_COLOR is set), always or never.")
    var color: ColorChoice = .auto

    enum ColorChoice: String, ExpressibleByArgument, CaseIterable { case auto, always, never }

    func validate() throws {
      for rule in rules where LintRules.rule(id: rule) == nil {
        throw ValidationError("unknown rule '\(rule)'; see 'lectern lint --list-rules'")
      }
      if diff && !fix { throw ValidationError("--diff needs --fix") }
    }

    func run() throws {
      if listRules {
        print(Self.ruleList())
        return
      }
      let explicitConfig = try config.map { try LintConfiguration.load(path: $0) }
      let files = try LintInputs.expand(paths.isEmpty ? ["."] : paths, configuration: explicitConfig)
      let useColor: Bool
      switch color {
      case .always: useColor = true
      case .never: useColor = false
      case .auto: useColor = isatty(1) != 0 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
      }
      let perFile = format.isPerFile && !(fix && diff) ? format : nil
      let run = LintRun(
        explicitConfig: explicitConfig, only: Set(rules), fix: fix, diff: diff, perFileFormat: perFile, color: useColor)
      // Each file's output is written as soon as it and the files before it are done; only whole-run formats
      // (JSON, SARIF) keep diagnostics and sources until the end.
      let summary = try withLargeStack { [files, failOn] in
        let summary = Locked(LintSummary())
        run.lint(files) { r in summary.withLock { $0.take(r, keep: perFile == nil, failOn: failOn) } }
        return summary.snapshot
      }
      if perFile == nil && !(fix && diff) {
        let text = format.format(summary.diagnostics, sources: summary.sources, color: useColor)
        FileHandle.standardOutput.write(Data(text.utf8))
      }
      if fix {
        printError(
          "\(diff ? "would fix" : "fixed") \(summary.fixed) problem\(summary.fixed == 1 ? "" : "s") in \(summary.changedFiles) file\(summary.changedFiles == 1 ? "" : "s")"
        )
      }
      if summary.failed { throw ExitCode(ExitStatus.usage) }
      if summary.hasFindingsAtFailLevel { throw ExitCode(ExitStatus.findings) }
    }

    static func ruleList() -> String {
      LintRules.all.map { rule in
        let d = rule.description
        let also = d.alsoReports.isEmpty ? "" : "; also reports \(d.alsoReports.map(\.rawValue).joined(separator: ", "))"
        return
          "\(d.id)\(also) (\(d.severity.rawValue)\(d.scope == .decks ? ", decks only" : ""))\n  \(d.summary)\n  \(d.rationale)"
      }.joined(separator: "\n\n")
    }
  }
}

/// What a lint run leaves once every file's output is written: counts, and for whole-run formats the findings.
private struct LintSummary: Sendable {
  var sources: [String: SourceFile] = [:]
  var diagnostics: [Diagnostic] = []
  var failed = false
  var hasFindingsAtFailLevel = false
  var fixed = 0
  var changedFiles = 0

  /// Writes one file's output (in input order) and counts it.
  mutating func take(_ r: LintRun.FileResult, keep: Bool, failOn: Severity) {
    if let message = r.error {
      printError(message)
      failed = true
      return
    }
    if keep {
      if let s = r.source { sources[s.path] = s }
      diagnostics.append(contentsOf: r.diagnostics)
    }
    if r.diagnostics.contains(where: { $0.severity >= failOn }) { hasFindingsAtFailLevel = true }
    fixed += r.fixed
    if r.fixed > 0 { changedFiles += 1 }
    if let d = r.diff { FileHandle.standardOutput.write(Data(d.utf8)) }
    if let text = r.formatted, !text.isEmpty { FileHandle.standardOutput.write(Data(text.utf8)) }
  }
}

extension DiagnosticFormat: ExpressibleByArgument {}
extension Severity: ExpressibleByArgument {}
