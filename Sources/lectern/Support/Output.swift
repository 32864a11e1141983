import Foundation
import LecternCore

/// Prints diagnostics to standard error as `path:line:col: severity: message [code]`.
enum DiagnosticPrinter {
  static func print(_ diagnostics: [Diagnostic]) {
    for d in diagnostics { printError(d.formatted) }
  }
}

func printError(_ line: String) {
  FileHandle.standardError.write(Data((line + "\n").utf8))
}
