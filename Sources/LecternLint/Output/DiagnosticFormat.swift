import Foundation
import LecternCore

/// The output formats of `lectern lint`, one stateless formatter each.
public enum DiagnosticFormat: String, CaseIterable, Sendable {
  case text
  case json
  case sarif
  case github

  /// Whether each file's part can be formatted on its own (and in parallel) and concatenated.
  public var isPerFile: Bool { self == .text || self == .github }

  /// Formats one file's diagnostics (for per-file formats).
  public func format(_ diagnostics: [Diagnostic], source: SourceFile?, color: Bool) -> String {
    switch self {
    case .text: TextFormatter(color: color).format(diagnostics, source: source)
    case .github: GitHubFormatter.format(diagnostics)
    case .json, .sarif: format(diagnostics, sources: source.map { [$0.path: $0] } ?? [:], color: color)
    }
  }

  /// Formats every file's diagnostics. `sources` gives the text for source-line excerpts.
  public func format(_ diagnostics: [Diagnostic], sources: [String: SourceFile], color: Bool) -> String {
    switch self {
    case .text: TextFormatter(color: color).format(diagnostics, sources: sources)
    case .json: JSONFormatter.format(diagnostics)
    case .sarif: SARIFFormatter.format(diagnostics, sources: sources)
    case .github: GitHubFormatter.format(diagnostics)
    }
  }
}

/// `file:line:col: severity: message [rule]`, the source line and a caret.
struct TextFormatter {
  var color: Bool

  private func paint(_ s: String, _ code: String) -> String { color ? "\u{1B}[\(code)m\(s)\u{1B}[0m" : s }

  func format(_ diagnostics: [Diagnostic], sources: [String: SourceFile]) -> String {
    var out = ""
    for d in diagnostics { out += format([d], source: sources[d.path]) }
    return out
  }

  func format(_ diagnostics: [Diagnostic], source: SourceFile?) -> String {
    var out = ""
    out.reserveCapacity(diagnostics.count * 160)
    for d in diagnostics {
      let position = d.range.map { ":\($0.start.line):\($0.start.column)" } ?? ""
      let severity: String
      switch d.severity {
      case .error: severity = paint("error", "1;31")
      case .warning: severity = paint("warning", "1;33")
      case .note: severity = paint("note", "1;36")
      }
      out += paint("\(d.path)\(position):", "1") + " \(severity): \(d.message) " + paint("[\(d.code)]", "2") + "\n"
      if let r = d.range, let line = source?.line(r.start.line) {
        // A tab is always a character of its own, so replacing its byte is replacing the character.
        let text =
          line.containsByte(0x09)
          ? String(decoding: line.utf8.map { $0 == 0x09 ? 0x20 : $0 }, as: UTF8.self) : String(line)
        out += "  \(text)\n"
        let width = r.end.line == r.start.line ? max(1, r.end.column - r.start.column + 1) : 1
        out +=
          "  " + String(repeating: " ", count: max(0, r.start.column - 1))
          + paint("^" + String(repeating: "~", count: min(width, 80) - 1), "1;32") + "\n"
      }
    }
    return out
  }
}

enum JSONFormatter {
  static func format(_ diagnostics: [Diagnostic]) -> String {
    var w = JSONWriter(pretty: true)
    w.beginArray()
    for d in diagnostics {
      w.beginObject()
      w.field("path", d.path)
      w.field("line", d.range?.start.line)
      w.field("column", d.range?.start.column)
      w.field("endLine", d.range?.end.line)
      w.field("endColumn", d.range?.end.column)
      w.field("severity", d.severity.rawValue)
      w.field("rule", d.code.rawValue)
      w.field("message", d.message)
      w.field("fixable", d.fix != nil)
      w.endObject()
    }
    w.endArray()
    return String(decoding: w.finish(), as: UTF8.self)
  }
}

/// GitHub Actions workflow commands: `::error file=…,line=…,col=…::message`.
enum GitHubFormatter {
  static func format(_ diagnostics: [Diagnostic]) -> String {
    var out = ""
    for d in diagnostics {
      let command: String
      switch d.severity {
      case .error: command = "error"
      case .warning: command = "warning"
      case .note: command = "notice"
      }
      var properties = "file=\(escapeProperty(d.path))"
      if let r = d.range {
        properties += ",line=\(r.start.line),col=\(r.start.column),endLine=\(r.end.line),endColumn=\(r.end.column)"
      }
      properties += ",title=\(escapeProperty("lectern \(d.code)"))"
      out += "::\(command) \(properties)::\(escapeData(d.message))\n"
    }
    return out
  }

  private static func escapeData(_ s: String) -> String {
    s.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "\r", with: "%0D").replacingOccurrences(
      of: "\n", with: "%0A")
  }

  private static func escapeProperty(_ s: String) -> String {
    escapeData(s).replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: ",", with: "%2C")
  }
}
