import Foundation
import LecternBrowser
import LecternCore
import LecternLayout

/// One `lectern lint` run over many files: each file linted (and fixed) on its own worker, results in input order.
///
/// A fixed file is written atomically; with `diff` nothing is written and a unified diff is returned instead.
public struct LintRun: Sendable {
  public var explicitConfig: LintConfiguration?
  public var only: Set<String>
  public var fix: Bool
  public var diff: Bool
  /// When set, each worker formats its own file's findings (streaming output formats).
  public var perFileFormat: DiagnosticFormat?
  public var color: Bool
  /// The browser to measure decks' layout in (`nil`: not measured; under `fix`, the fixed text is measured).
  public var layoutBrowser: Chromium? = nil

  public init(
    explicitConfig: LintConfiguration?, only: Set<String>, fix: Bool, diff: Bool, perFileFormat: DiagnosticFormat?,
    color: Bool
  ) {
    self.explicitConfig = explicitConfig
    self.only = only
    self.fix = fix
    self.diff = diff
    self.perFileFormat = perFileFormat
    self.color = color
  }

  /// What linting one file gave.
  public struct FileResult: Sendable {
    public var source: SourceFile?
    public var diagnostics: [Diagnostic] = []
    /// Why the file could not be linted (unreadable, bad configuration, unwritable fix).
    public var error: String?
    public var fixed = 0
    public var diff: String?
    /// This file's part of a per-file output format, formatted by the worker.
    public var formatted: String?
    /// Notes for standard error (the layout could not be measured).
    public var notes: [String] = []
  }

  /// Lints `files` in parallel; results come back in input order.
  public func lint(_ files: [String]) throws -> [FileResult] {
    let configs = ConfigCache()
    let shared = LintRunCache()
    let stdin = Self.standardInput(files)
    if let browser = fixLayoutBrowser {
      return try fixThenMeasure(files, configs: configs, shared: shared, stdin: stdin, chromium: browser)
    }
    let (layouts, notes) = try layoutFindings(files, stdin: stdin)
    return try files.concurrentMap { [layouts, notes] path in
      var result = lintOne(path, configs: configs, shared: shared, layout: layouts[path], stdin: stdin)
      if let note = notes[path] { result.notes.append(note) }
      return result
    }
  }

  /// Lints `files` in parallel and hands each file's result to `deliver` in input order as soon as it is ready,
  /// keeping none: with a per-file format the result carries its formatted text and no source, so memory does not
  /// grow with the number of files. The layout rules, when on, are measured for every deck first (one browser).
  public func lint(_ files: [String], deliver: (FileResult) -> Void) throws {
    let configs = ConfigCache()
    let shared = LintRunCache()
    let stdin = Self.standardInput(files)
    if let browser = fixLayoutBrowser {
      try fixThenMeasure(files, configs: configs, shared: shared, stdin: stdin, chromium: browser).forEach(deliver)
      return
    }
    let (layouts, notes) = try layoutFindings(files, stdin: stdin)
    files.concurrentForEach(
      { path in
        var result = lintOne(path, configs: configs, shared: shared, layout: layouts[path], stdin: stdin)
        if let note = notes[path] { result.notes.append(note) }
        return result
      }, deliverInOrder: deliver)
  }

  /// Standard input, read once when `-` is among `files`: it can be read only once, and both the layout
  /// measurement and the lint need it.
  private static func standardInput(_ files: [String]) -> Result<SourceFile, Error>? {
    files.contains("-") ? Result { try SourceFile.load(path: "-") } : nil
  }

  /// The browser to measure in when the layout rules are on for this run.
  private var measuringBrowser: Chromium? {
    let layoutOff = explicitConfig.map { Self.layoutRuleIDs.isSubset(of: $0.disabled) } ?? false
    guard let layoutBrowser, !layoutOff, Self.wantsLayout(only: only) else { return nil }
    return layoutBrowser
  }

  /// Under `--fix` the measurement waits for the fixes: the text measured is the one the findings are about.
  private var fixLayoutBrowser: Chromium? { fix ? measuringBrowser : nil }

  /// Each deck's measured layout findings and notes, or nothing when the layout rules are off (or wait for `--fix`).
  private func layoutFindings(
    _ files: [String], stdin: Result<SourceFile, Error>?
  ) throws -> ([String: [LayoutFinding]], [String: String]) {
    guard !fix, let browser = measuringBrowser else { return ([:], [:]) }
    return try measureLayouts(files, stdin: try? stdin?.get(), chromium: browser)
  }

  /// `--fix` with the layout rules on: every file fixed first (nothing formatted yet), then the decks measured
  /// as they now are (the fixed text; with `--diff`, the file as it is, which the findings then describe) in one
  /// browser, and their layout findings put in place of the estimates made without a measurement. Keeps every
  /// result until all are measured (the layout rules run on at most 100 files unless `--layout` is given).
  private func fixThenMeasure(
    _ files: [String], configs: ConfigCache, shared: LintRunCache, stdin: Result<SourceFile, Error>?, chromium: Chromium
  ) throws -> [FileResult] {
    var results = try files.concurrentMap { path in
      lintOne(path, configs: configs, shared: shared, layout: nil, stdin: stdin, formats: false)
    }
    let measured = try measure(results.enumerated().compactMap { i, r in r.source.map { (String(i), $0) } }, chromium: chromium)
    for i in results.indices {
      if let note = measured.notes[String(i)] { results[i].notes.append(note) }
      if let findings = measured.findings[String(i)], let source = results[i].source, results[i].error == nil,
        let configuration = try? explicitConfig ?? configs.configuration(for: files[i])
      {
        let layoutRules = only.isEmpty ? Self.layoutRuleIDs : only.intersection(Self.layoutRuleIDs)
        var linter = Linter(configuration: configuration, only: layoutRules)
        linter.shared = shared
        let found = linter.lint(source, layout: findings)
        results[i].diagnostics = Linter.inSourceOrder(
          results[i].diagnostics.filter { !Self.layoutRuleIDs.contains($0.code.rawValue) } + found)
      }
      if let perFileFormat, results[i].error == nil {
        results[i].formatted = perFileFormat.format(results[i].diagnostics, source: results[i].source, color: color)
        results[i].source = nil
      }
    }
    return results
  }

  private func lintOne(
    _ path: String, configs: ConfigCache, shared: LintRunCache, layout: [LayoutFinding]?,
    stdin: Result<SourceFile, Error>?, formats: Bool = true
  ) -> FileResult {
    var result = FileResult()
    do {
      let source: SourceFile
      if path == "-", let stdin { source = try stdin.get() } else { source = try SourceFile.load(path: path) }
      var linter = Linter(configuration: try explicitConfig ?? configs.configuration(for: path), only: only)
      linter.shared = shared
      if fix {
        try applyFixes(linter, source, into: &result)
      } else {
        result.source = source
        result.diagnostics = linter.lint(source, layout: layout)
      }
      if let perFileFormat, formats {
        result.formatted = perFileFormat.format(result.diagnostics, source: result.source, color: color)
        // Formatted: the text is no longer needed (it is the largest part of a result).
        result.source = nil
      }
    } catch {
      result.error = "\(error)"
    }
    return result
  }

  private func applyFixes(_ linter: Linter, _ source: SourceFile, into result: inout FileResult) throws {
    let outcome = FixApplier(linter: linter).fix(source)
    if outcome.text != source.text {
      if diff {
        result.diff = UnifiedDiff.diff(old: source.text, new: outcome.text, path: source.path)
      } else if source.path == "-" {
        FileHandle.standardOutput.write(Data(outcome.text.utf8))
      } else {
        try FixWriter.write(outcome.text, to: source.path)
      }
    }
    // Counted only once written (a fix that cannot be written throws above and is not reported as fixed).
    result.fixed = outcome.applied
    result.source = diff ? source : SourceFile(path: source.path, text: outcome.text)
    result.diagnostics = diff ? linter.lint(source) : outcome.remaining
  }
}

/// `.lectern.yml` and markdownlint configuration files found per folder, read once each. The markdownlint file's
/// rule switches come first; `.lectern.yml` overrides them.
private final class ConfigCache: Sendable {
  private let folders = Locked<[String: String]>([:])
  private let byKey = Locked<[String: LintConfiguration]>([:])

  func configuration(for file: String) throws -> LintConfiguration {
    // The folder as text first: it is the cache key, and a URL is made only for a folder not seen before.
    let folderPath =
      file == "-"
      ? FileManager.default.currentDirectoryPath
      : PathText.parent(PathText.resolve(file, against: FileManager.default.currentDirectoryPath))
    let key: String
    if let known = folders.withLock({ $0[folderPath] }) {
      key = known
    } else {
      let folder = URL(fileURLWithPath: folderPath)
      key = (LintConfiguration.find(from: folder) ?? "") + "\n" + (MarkdownlintNames.find(from: folder) ?? "")
      folders.withLock { $0[folderPath] = key }
    }
    return try byKey.withLock { cache in
      if let cached = cache[key] { return cached }
      let parts = key.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
      let loaded = try LintConfiguration.load(
        lectern: parts[0].isEmpty ? nil : parts[0], markdownlint: parts[1].isEmpty ? nil : parts[1])
      cache[key] = loaded
      return loaded
    }
  }
}
