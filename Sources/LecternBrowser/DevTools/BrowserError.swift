import Foundation

/// Why the browser could not do what was asked.
public enum BrowserError: Error, CustomStringConvertible, Equatable {
  /// The browser process could not be started.
  case launchFailed(executable: String, reason: String)
  /// The browser exited (or closed its pipe) while a command was waiting.
  case browserExited(method: String, output: String)
  /// No answer to `method` within `seconds`.
  case timedOut(method: String, seconds: Double)
  /// The browser answered `method` with a protocol error.
  case protocolError(method: String, code: Int, message: String)
  /// Navigation to `url` failed (`net::ERR_FILE_NOT_FOUND`, …).
  case navigationFailed(url: String, reason: String)
  /// The evaluated script threw.
  case scriptFailed(String)
  /// The answer could not be read as the expected value.
  case unexpectedReply(method: String, reason: String)

  public var description: String {
    switch self {
    case .launchFailed(let executable, let reason): "could not start '\(executable)': \(reason)"
    case .browserExited(let method, let output):
      "the browser exited while waiting for '\(method)'" + (output.isEmpty ? "" : ": \(output)")
    case .timedOut(let method, let seconds): "the browser did not answer '\(method)' within \(formatSeconds(seconds)) s"
    case .protocolError(let method, let code, let message): "the browser refused '\(method)' (\(code)): \(message)"
    case .navigationFailed(let url, let reason): "could not load '\(url)': \(reason)"
    case .scriptFailed(let message): "script failed in the page: \(message)"
    case .unexpectedReply(let method, let reason): "unexpected answer to '\(method)': \(reason)"
    }
  }
}

private func formatSeconds(_ seconds: Double) -> String {
  seconds == seconds.rounded() ? String(Int(seconds)) : String(format: "%.1f", seconds)
}
