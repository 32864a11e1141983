import Foundation

/// One tab of a `Browser`: load a file or HTML, run scripts, take screenshots, print to PDF.
///
/// Pages of one browser work independently and may be used from different tasks at once; one page runs
/// one command at a time from the caller's point of view (each call awaits its answer).
public final class BrowserPage: Sendable {
  let browser: Browser
  /// The DevTools target id of the tab.
  public let targetID: String
  let sessionID: String

  init(browser: Browser, targetID: String, sessionID: String) {
    self.browser = browser
    self.targetID = targetID
    self.sessionID = sessionID
  }

  var timeout: Double { browser.options.timeout }

  func send(_ method: String, _ params: some Encodable & Sendable = NoParameters()) async throws -> Data {
    try await browser.connection.send(method, params, sessionID: sessionID, timeout: timeout)
  }

  func send<Reply: Decodable>(_ method: String, _ params: some Encodable & Sendable, as: Reply.Type) async throws -> Reply {
    try await browser.connection.send(method, params, sessionID: sessionID, timeout: timeout, as: Reply.self)
  }

  func prepare(width: Int, height: Int) async throws {
    _ = try await send("Page.enable")
    try await setViewport(width: width, height: height)
  }

  /// Sets the viewport to `width`×`height` CSS pixels at `deviceScaleFactor` device pixels per CSS pixel.
  public func setViewport(width: Int, height: Int, deviceScaleFactor: Double = 1) async throws {
    struct Metrics: Encodable { var width: Int, height: Int, deviceScaleFactor: Double, mobile = false }
    _ = try await send(
      "Emulation.setDeviceMetricsOverride", Metrics(width: width, height: height, deviceScaleFactor: deviceScaleFactor))
  }

  /// Loads `url` (a `file:` URL or any other) and returns once its `load` event fired.
  ///
  /// Throws `BrowserError.navigationFailed` when the browser cannot load it (a missing file, say).
  public func navigate(to url: URL) async throws {
    struct Navigate: Encodable { var url: String }
    struct Navigated: Decodable { var errorText: String? }
    let connection = browser.connection
    let load = connection.expect("Page.loadEventFired", sessionID: sessionID)
    let reply: Navigated
    do {
      reply = try await send("Page.navigate", Navigate(url: url.absoluteString), as: Navigated.self)
    } catch {
      connection.cancel(load)
      throw error
    }
    if let failure = reply.errorText, !failure.isEmpty {
      connection.cancel(load)
      throw BrowserError.navigationFailed(url: url.absoluteString, reason: failure)
    }
    _ = try await connection.wait(for: load, timeout: timeout)
  }

  /// Loads an HTML document held in memory; relative URLs in it resolve against `baseURL` (a folder).
  /// `query` (without `?`) is added to the page's URL, for pages that read `location.search`.
  ///
  /// The document is written to a file in the browser's private profile folder (removed when the browser
  /// closes) with a `<base href>` at the start of its `<head>`, then loaded from there.
  public func load(html: String, baseURL: URL, query: String? = nil) async throws {
    let file = browser.process.profile.appendingPathComponent("page-\(UUID().uuidString).html")
    try Data(Self.withBase(html, baseURL).utf8).write(to: file)
    defer { try? FileManager.default.removeItem(at: file) }
    var components = URLComponents(url: file, resolvingAgainstBaseURL: false)!
    components.query = query
    try await navigate(to: components.url!)
  }

  static func withBase(_ html: String, _ baseURL: URL) -> String {
    var folder = baseURL.absoluteString
    if !folder.hasSuffix("/") { folder += "/" }
    let escaped = folder.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "\"", with: "&quot;")
    let tag = "<base href=\"\(escaped)\">"
    if let head = html.range(of: "<head[^>]*>", options: [.regularExpression, .caseInsensitive]) {
      return html.replacingCharacters(in: head.upperBound..<head.upperBound, with: tag)
    }
    return tag + html
  }

  /// Evaluates `expression` in the page, awaiting it when it is a promise, and decodes its JSON value.
  ///
  /// Throws `BrowserError.scriptFailed` with the exception's text when the script throws or rejects.
  public func evaluate<T: Decodable>(_ expression: String, as type: T.Type = T.self) async throws -> T {
    let reply = try await send(
      "Runtime.evaluate", EvaluateParameters(expression: expression, returnByValue: true), as: EvaluateReply<T>.self)
    if let details = reply.exceptionDetails {
      throw BrowserError.scriptFailed(details.message)
    }
    guard let value = reply.result?.value else {
      throw BrowserError.unexpectedReply(method: "Runtime.evaluate", reason: "no value of type \(T.self)")
    }
    return value
  }

  /// Runs `expression` for its effect and ignores its value.
  public func run(_ expression: String) async throws {
    let reply = try await send(
      "Runtime.evaluate", EvaluateParameters(expression: expression, returnByValue: false), as: EvaluateReply<Bool>.self)
    if let details = reply.exceptionDetails { throw BrowserError.scriptFailed(details.message) }
  }

  /// A screenshot of the viewport (or of `options.clip`), as PNG or JPEG bytes.
  public func screenshot(_ options: ScreenshotOptions = ScreenshotOptions()) async throws -> Data {
    try await binary("Page.captureScreenshot", options)
  }

  /// The page printed to PDF with the print stylesheet.
  public func printPDF(_ options: PDFOptions = PDFOptions()) async throws -> Data {
    try await binary("Page.printToPDF", options)
  }

  private func binary(_ method: String, _ params: some Encodable & Sendable) async throws -> Data {
    let reply = try await send(method, params, as: BinaryReply.self)
    guard let bytes = Data(base64Encoded: reply.data) else {
      throw BrowserError.unexpectedReply(method: method, reason: "data is not base64")
    }
    return bytes
  }

  /// Closes the tab (the browser stays open).
  public func close() async throws {
    struct Close: Encodable { var targetId: String }
    _ = try await browser.connection.send("Target.closeTarget", Close(targetId: targetID), timeout: timeout)
  }
}

private struct EvaluateParameters: Encodable, Sendable {
  var expression: String
  var awaitPromise = true
  var returnByValue: Bool
}

private struct EvaluateReply<T: Decodable>: Decodable {
  struct Value: Decodable { var value: T? }
  struct Exception: Decodable {
    struct Thrown: Decodable { var description: String? }
    var text: String?
    var exception: Thrown?
    /// The first line of the thrown error's description (`Error: …`), else the protocol's text.
    var message: String {
      let text = exception?.description ?? text ?? "exception"
      return String(text.split(separator: "\n").first ?? "exception")
    }
  }
  var result: Value?
  var exceptionDetails: Exception?
}

private struct BinaryReply: Decodable { var data: String }
