import ArgumentParser
import Foundation
import LecternBrowser
import LecternCore
import LecternLayout
import LecternLint

extension Lectern {
  struct Lint: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "lint",
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

    @Option(name: [.short, .long], help: "Use this configuration file instead of the nearest lectern.yml or .lectern.yml.")
    var config: String?

    @Option(name: .customLong("rule"), help: "Run only this rule (repeatable).")
    var rules: [String] = []

    @Flag(name: .customLong("list-rules"), help: "Print every rule with its default severity and description.")
    var listRules = false

    @Flag(
      name: .customLong("no-layout"),
      help: "Skip the layout rules measured in headless Chromium (slide-overflow, text-too-small, low-contrast).")
    var noLayout = false

    @Flag(
      name: .customLong("layout"),
      help: "Measure the layout rules even when more than 100 files are linted (slow: one page load per deck).")
    var forceLayout = false

    /// Above this many files the layout rules are skipped unless `--layout` is given: linting a whole repository
    /// (pre-commit, CI) stays a text-speed job, and one deck or a talk folder is still measured by default.
    static let layoutFileLimit = 100

    @Option(name: .customLong("browser-path"), help: "The Chromium executable for the layout rules.")
    var browserPath: String?

    @Option(help: "Colour the text output: auto (on a terminal, unless NO_COLOR is set), always or never.")
    var color: ColorChoice = .auto

    enum ColorChoice: String, ExpressibleByArgument, CaseIterable { case auto, always, never }

    func validate() throws {
      for rule in rules where LintRules.rule(id: rule) == nil {
        throw ValidationError("unknown rule '\(rule)'; see 'lectern lint --list-rules'")
      }
      if diff && !fix { throw ValidationError("--diff needs --fix") }
      if forceLayout && noLayout { throw ValidationError("--layout and --no-layout cannot be used together") }
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
      var run = LintRun(
        explicitConfig: explicitConfig, only: Set(rules), fix: fix, diff: diff, perFileFormat: perFile, color: useColor)
      run.layoutBrowser = layoutBrowser(fileCount: files.count)
      // Each file's output is written as soon as it and the files before it are done; only whole-run formats
      // (JSON, SARIF) keep diagnostics and sources until the end.
      let summary = try withLargeStack { [files, failOn, run] in
        let summary = Locked(LintSummary())
        try run.lint(files) { r in summary.withLock { $0.take(r, keep: perFile == nil, failOn: failOn) } }
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

    /// The browser for the layout rules, or `nil` (said once on standard error when none is found).
    private func layoutBrowser(fileCount: Int) -> Chromium? {
      guard !noLayout, LintRun.wantsLayout(only: Set(rules)) else { return nil }
      if fileCount > Self.layoutFileLimit && !forceLayout {
        printError(
          "note: layout rules (slide-overflow, text-too-small, low-contrast) skipped for \(fileCount) files, more than "
            + "\(Self.layoutFileLimit); pass --layout to measure every deck in headless Chromium")
        return nil
      }
      do {
        return try Chromium.locate(override: browserPath)
      } catch {
        printError(LayoutRun.skippedNote("\(error)"))
        return nil
      }
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
    r.notes.forEach(printError)
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
