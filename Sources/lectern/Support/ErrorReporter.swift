import ArgumentParser
import Foundation
import LecternCore
import LecternDORA
import LecternLive
import LecternMetrics
import LecternPipeline
import LecternRecords
import LecternTemplates

/// The exit statuses every command documents: 0 ok, 1 problems in the input or findings, 2 usage or I/O.
enum ExitStatus {
  static let ok: Int32 = 0
  static let findings: Int32 = 1
  static let usage: Int32 = 2

  /// The help text's paragraph on exit statuses (shared by every command).
  static let help = "Exit status: 0 ok, 1 problems in the input or findings, 2 usage or I/O error."
}

/// The one place that turns a failure into a message on standard error and an exit status.
///
/// Commands throw library errors as they are; this maps each kind to its status, so the same failure
/// exits the same way from every command.
enum ErrorReporter {
  /// The status for `error`: problems in what the user wrote (records, benchmark tables, an incident that
  /// is not in the store) are 1; unusable arguments, files, stores and outputs are 2.
  static func status(for error: Error) -> Int32 {
    switch error {
    case is IngestError, is IngestProblems, is TierTable.BenchmarkError: ExitStatus.findings
    case let e as MetricsAccessError:
      if case .unknownIncident = e { ExitStatus.findings } else { ExitStatus.usage }
    default: ExitStatus.usage
    }
  }

  /// The message for `error`, as `file: error: what was expected`; `file` names the input being worked on
  /// when the error itself does not say.
  static func message(for error: Error, file: String? = nil) -> String {
    let text = String(describing: error)
    if text.contains("error:") { return text }
    return (file.map { "\($0): " } ?? "") + "error: \(text)"
  }

  /// Prints `error` and ends the process with its status. ArgumentParser's own errors (help, version,
  /// usage) print as ArgumentParser formats them; its usage status (64) becomes 2.
  static func exit(with error: Error) -> Never {
    if let code = error as? ExitCode { Lectern.exit(withError: code) }
    if isArgumentParserError(error) {
      let code = Lectern.exitCode(for: error)
      guard code == .validationFailure else { Lectern.exit(withError: error) }
      printError(Lectern.fullMessage(for: error))
      Foundation.exit(ExitStatus.usage)
    }
    printError(message(for: error))
    Foundation.exit(status(for: error))
  }

  private static func isArgumentParserError(_ error: Error) -> Bool {
    error is ValidationError || error is CleanExit || String(reflecting: type(of: error)).hasPrefix("ArgumentParser.")
  }
}

extension Lectern {
  static func main() {
    // A `build` starts its first-render work on another core before the arguments are parsed, reading the
    // deck the arguments name (`BuildWarmUp`); the command then finds it done.
    if CommandLine.arguments.dropFirst().first == "build" {
      BuildWarmUp.start(arguments: Array(CommandLine.arguments.dropFirst(2)))
    }
    do {
      var command = try parseAsRoot()
      try command.run()
    } catch {
      ErrorReporter.exit(with: error)
    }
  }
}
