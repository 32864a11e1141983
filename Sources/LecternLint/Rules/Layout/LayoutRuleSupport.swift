import LecternCore
import LecternLayout

extension LintTarget {
  /// The measured findings under `code`, placed at their block's first non-blank column.
  func measured(_ code: DiagnosticCode) -> [Finding] {
    (layoutFindings ?? []).filter { $0.code == code }.map { finding in
      let text = source.line(finding.line) ?? ""
      let column = text.prefix { $0 == " " || $0 == "\t" || $0 == ">" }.count + 1
      return Finding(finding.message, at: range(line: finding.line, column: column))
    }
  }
}
