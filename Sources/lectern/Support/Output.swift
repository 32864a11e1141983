import Foundation
import LecternCore

/// Prints diagnostics to standard error as `path:line:col: severity: message [code]`.
enum DiagnosticPrinter {
  static func print(_ diagnostics: [Diagnostic]) {
    printErrors(diagnostics.map(\.formatted))
  }
}

func printError(_ line: String) {
  FileHandle.standardError.write(Data((line + "\n").utf8))
}

/// Prints lines to standard error in one write (a long deck's hundreds of warnings are one system call, not one
/// each).
func printErrors(_ lines: [String]) {
  guard !lines.isEmpty else { return }
  FileHandle.standardError.write(Data((lines.joined(separator: "\n") + "\n").utf8))
}
