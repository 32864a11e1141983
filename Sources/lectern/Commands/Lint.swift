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
      let known = Set(LintRules.all.map { $0.description.id })
      for rule in rules where !known.contains(rule) {
        throw ValidationError("unknown rule '\(rule)'; see 'lectern lint --list-rules'")
      }
      if diff && !fix { throw ValidationError("--diff needs --fix") }
    }

    func run() throws {
      if listRules {
        print(Self.ruleList())
        return
      }
      let files = try InputFiles.expand(paths.isEmpty ? ["."] : paths)
      let explicitConfig = try config.map { try LintConfiguration.load(path: $0) }
      let useColor: Bool
      switch color {
      case .always: useColor = true
      case .never: useColor = false
      case .auto: useColor = isatty(1) != 0 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
      }
      let perFile = format.isPerFile && !(fix && diff) ? format : nil
      let results = try withLargeStack { [files, rules, fix, diff] in
        try Self.lintAll(
          files, explicitConfig: explicitConfig, only: Set(rules), fix: fix, diff: diff, perFileFormat: perFile, color: useColor)
      }
      var sources: [String: SourceFile] = [:]
      var diagnostics: [Diagnostic] = []
      var failed = false
      for r in results {
        if let message = r.error {
          printError(message)
          failed = true
          continue
        }
        if let s = r.source, perFile == nil { sources[s.path] = s }
        diagnostics.append(contentsOf: r.diagnostics)
        if let d = r.diff { FileHandle.standardOutput.write(Data(d.utf8)) }
        if let text = r.formatted, !text.isEmpty { FileHandle.standardOutput.write(Data(text.utf8)) }
      }
      if perFile == nil && !(fix && diff) {
        let text = format.format(diagnostics, sources: sources, color: useColor)
        FileHandle.standardOutput.write(Data(text.utf8))
      }
      if fix {
        let fixed = results.reduce(0) { $0 + $1.fixed }
        let changedFiles = results.filter { $0.fixed > 0 }.count
        printError(
          "\(diff ? "would fix" : "fixed") \(fixed) problem\(fixed == 1 ? "" : "s") in \(changedFiles) file\(changedFiles == 1 ? "" : "s")"
        )
      }
      if failed { throw ExitCode(ExitStatus.usage) }
      if diagnostics.contains(where: { $0.severity >= failOn }) { throw ExitCode(ExitStatus.findings) }
    }

    struct FileResult: Sendable {
      var source: SourceFile?
      var diagnostics: [Diagnostic] = []
      var error: String?
      var fixed = 0
      var diff: String?
      /// This file's part of a per-file output format, formatted by the worker.
      var formatted: String?
    }

    /// Lints files in parallel; results come back in input order.
    static func lintAll(
      _ files: [String], explicitConfig: LintConfiguration?, only: Set<String>, fix: Bool, diff: Bool,
      perFileFormat: DiagnosticFormat?, color: Bool
    ) throws -> [FileResult] {
      let box = ResultSlots(count: files.count)
      let configs = ConfigCache()
      DispatchQueue.concurrentPerform(iterations: files.count) { index in
        let path = files[index]
        var result = FileResult()
        do {
          let source = try SourceFile.load(path: path)
          let configuration = try explicitConfig ?? configs.configuration(for: path)
          let linter = Linter(configuration: configuration, only: only)
          if fix {
            let outcome = FixApplier(linter: linter).fix(source)
            result.fixed = outcome.applied
            if outcome.text != source.text {
              if diff {
                result.diff = UnifiedDiff.diff(old: source.text, new: outcome.text, path: source.path)
              } else if path == "-" {
                FileHandle.standardOutput.write(Data(outcome.text.utf8))
              } else {
                try writeAtomically(outcome.text, to: path)
              }
            }
            let fixedSource = SourceFile(path: source.path, text: outcome.text)
            result.source = fixedSource
            result.diagnostics = diff ? linter.lint(source) : outcome.remaining
            if diff { result.source = source }
          } else {
            result.source = source
            result.diagnostics = linter.lint(source)
          }
          if let perFileFormat {
            result.formatted = perFileFormat.format(result.diagnostics, source: result.source, color: color)
          }
        } catch {
          result.error = "\(error)"
        }
        box.set(index, result)
      }
      return box.all()
    }

    static func writeAtomically(_ text: String, to path: String) throws {
      let url = URL(fileURLWithPath: path)
      let temp = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).lectern-fix.tmp")
      do {
        try Data(text.utf8).write(to: temp)
        // Keep the original file's permissions.
        if let attributes = try? FileManager.default.attributesOfItem(atPath: path), let mode = attributes[.posixPermissions] {
          try? FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: temp.path)
        }
        guard rename(temp.path, path) == 0 else {
          throw CommandError.cannotWrite(path: path, reason: String(cString: strerror(errno)))
        }
      } catch {
        try? FileManager.default.removeItem(at: temp)
        throw CommandError.cannotWrite(path: path, reason: "\(error)")
      }
    }

    static func ruleList() -> String {
      LintRules.all.map { rule in
        let d = rule.description
        return "\(d.id) (\(d.severity.rawValue)\(d.scope == .decks ? ", decks only" : ""))\n  \(d.summary)\n  \(d.rationale)"
      }.joined(separator: "\n\n")
    }
  }
}

extension DiagnosticFormat: ExpressibleByArgument {}
extension Severity: ExpressibleByArgument {}

private final class ResultSlots: @unchecked Sendable {
  private var slots: [Lectern.Lint.FileResult]
  private let lock = NSLock()
  init(count: Int) { slots = Array(repeating: Lectern.Lint.FileResult(), count: count) }
  func set(_ i: Int, _ r: Lectern.Lint.FileResult) {
    lock.lock()
    slots[i] = r
    lock.unlock()
  }
  func all() -> [Lectern.Lint.FileResult] {
    lock.lock()
    defer { lock.unlock() }
    return slots
  }
}

/// `.lectern.yml` files found per folder, read once each.
private final class ConfigCache: @unchecked Sendable {
  private var byPath: [String: LintConfiguration] = [:]
  private var folders: [String: String?] = [:]
  private let lock = NSLock()

  func configuration(for file: String) throws -> LintConfiguration {
    let folder =
      file == "-"
      ? URL(fileURLWithPath: FileManager.default.currentDirectoryPath) : URL(fileURLWithPath: file).deletingLastPathComponent()
    lock.lock()
    let known = folders[folder.path]
    lock.unlock()
    let found: String?
    if let known {
      found = known
    } else {
      found = LintConfiguration.find(from: folder)
      lock.lock()
      folders[folder.path] = .some(found)
      lock.unlock()
    }
    guard let path = found else { return LintConfiguration() }
    lock.lock()
    defer { lock.unlock() }
    if let cached = byPath[path] { return cached }
    let loaded = try LintConfiguration.load(path: path)
    byPath[path] = loaded
    return loaded
  }
}
