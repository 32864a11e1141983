import Foundation
import LecternCore

/// SARIF 2.1.0, as GitHub code scanning accepts it.
enum SARIFFormatter {
  static func format(
    _ diagnostics: [Diagnostic], sources: [String: SourceFile] = [:],
    workingDirectory: String = FileManager.default.currentDirectoryPath
  ) -> String {
    var w = JSONWriter(pretty: true)
    w.beginObject()
    w.field("$schema", "https://json.schemastore.org/sarif-2.1.0.json")
    w.field("version", "2.1.0")
    w.key("runs")
    w.beginArray()
    w.beginObject()
    w.key("tool")
    w.beginObject()
    w.key("driver")
    w.beginObject()
    w.field("name", "lectern")
    w.field("version", LecternInfo.version)
    w.field("informationUri", LecternInfo.homepage)
    writeRules(&w)
    w.endObject()
    w.endObject()
    // Columns count Unicode code points, as Lectern's do; relative paths are against the working directory.
    w.field("columnKind", "unicodeCodePoints")
    w.key("originalUriBaseIds")
    w.beginObject()
    w.key("SRCROOT")
    w.beginObject()
    w.field("uri", fileURI(workingDirectory, directory: true))
    w.endObject()
    w.endObject()
    w.key("invocations")
    w.beginArray()
    w.beginObject()
    w.field("executionSuccessful", true)
    w.key("workingDirectory")
    w.beginObject()
    w.field("uri", fileURI(workingDirectory, directory: true))
    w.endObject()
    w.endObject()
    w.endArray()
    writeResults(diagnostics, sources: sources, &w)
    w.endObject()
    w.endArray()
    w.endObject()
    return String(decoding: w.finish(), as: UTF8.self)
  }

  /// Every rule with its description and default level (`ruleIndex` in results points here).
  private static func writeRules(_ w: inout JSONWriter) {
    w.key("rules")
    w.beginArray()
    for rule in LintRules.all {
      let d = rule.description
      w.beginObject()
      w.field("id", d.id.rawValue)
      w.field("name", d.id.rawValue)
      w.key("shortDescription")
      w.beginObject()
      w.field("text", d.summary)
      w.endObject()
      w.key("fullDescription")
      w.beginObject()
      w.field("text", d.rationale)
      w.endObject()
      w.field("helpUri", LecternInfo.lintRulesDocumentation)
      w.key("defaultConfiguration")
      w.beginObject()
      w.field("level", level(d.severity))
      w.endObject()
      w.endObject()
    }
    w.endArray()
  }

  /// One result per diagnostic: rule, level, message, location, and the fix when the source is known.
  private static func writeResults(_ diagnostics: [Diagnostic], sources: [String: SourceFile], _ w: inout JSONWriter) {
    w.key("results")
    w.beginArray()
    for d in diagnostics {
      w.beginObject()
      w.field("ruleId", d.code.rawValue)
      if let index = LintRules.all.firstIndex(where: { $0.description.codes.contains(d.code) }) { w.field("ruleIndex", index) }
      w.field("level", level(d.severity))
      w.key("message")
      w.beginObject()
      w.field("text", d.message)
      w.endObject()
      w.key("locations")
      w.beginArray()
      w.beginObject()
      w.key("physicalLocation")
      w.beginObject()
      artifactLocation(&w, d.path)
      if let r = d.range {
        w.key("region")
        w.beginObject()
        w.field("startLine", r.start.line)
        w.field("startColumn", r.start.column)
        w.field("endLine", r.end.line)
        w.field("endColumn", r.end.column + 1)
        w.endObject()
      }
      w.endObject()
      w.endObject()
      w.endArray()
      if let fix = d.fix, let source = sources[d.path] { write(fix, path: d.path, source: source, to: &w) }
      w.endObject()
    }
    w.endArray()
  }

  private static func artifactLocation(_ w: inout JSONWriter, _ path: String) {
    w.key("artifactLocation")
    w.beginObject()
    if path.hasPrefix("/") {
      w.field("uri", fileURI(path, directory: false))
    } else {
      w.field("uri", relativeURI(path))
      w.field("uriBaseId", "SRCROOT")
    }
    w.endObject()
  }

  /// A fix as SARIF `fixes`: each edit a replacement of a line/column region (code points) by new text.
  private static func write(_ fix: Fix, path: String, source: SourceFile, to w: inout JSONWriter) {
    w.key("fixes")
    w.beginArray()
    w.beginObject()
    w.key("description")
    w.beginObject()
    w.field("text", fix.summary)
    w.endObject()
    w.key("artifactChanges")
    w.beginArray()
    w.beginObject()
    artifactLocation(&w, path)
    w.key("replacements")
    w.beginArray()
    for edit in fix.edits {
      let start = location(of: edit.start, in: source)
      let end = location(of: edit.end, in: source)
      w.beginObject()
      w.key("deletedRegion")
      w.beginObject()
      w.field("startLine", start.line)
      w.field("startColumn", start.column)
      w.field("endLine", end.line)
      w.field("endColumn", end.column)
      w.endObject()
      w.key("insertedContent")
      w.beginObject()
      w.field("text", edit.replacement)
      w.endObject()
      w.endObject()
    }
    w.endArray()
    w.endObject()
    w.endArray()
    w.endObject()
    w.endArray()
  }

  /// Line and code-point column (1-based) of a UTF-8 offset; an offset at a line's start is column 1 of it.
  private static func location(of offset: Int, in source: SourceFile) -> (line: Int, column: Int) {
    let line = source.lineNumber(atOffset: min(offset, source.bytes.count))
    let byte = offset - source.lineStarts[line - 1] + 1
    return (line, source.characterColumn(line: line, byteColumn: byte))
  }

  /// Characters a URI path keeps as they are (RFC 3986 unreserved, sub-delims, `:`, `@`, `/`).
  private static let pathCharacters = CharacterSet(
    charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~!$&'()*+,;=:@/")

  /// A relative URI as code scanning expects (no leading `./`, everything else percent-encoded).
  static func relativeURI(_ path: String) -> String {
    var p = path
    while p.hasPrefix("./") { p.removeFirst(2) }
    return p.addingPercentEncoding(withAllowedCharacters: pathCharacters) ?? p
  }

  /// `file:///abs%20path/` for an absolute path.
  static func fileURI(_ path: String, directory: Bool) -> String {
    var p = path.addingPercentEncoding(withAllowedCharacters: pathCharacters) ?? path
    if directory && !p.hasSuffix("/") { p += "/" }
    return "file://" + p
  }

  private static func level(_ s: Severity) -> String {
    switch s {
    case .error: "error"
    case .warning: "warning"
    case .note: "note"
    }
  }
}
