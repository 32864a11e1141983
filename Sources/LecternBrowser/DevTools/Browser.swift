import Foundation
import LecternCore

#if canImport(Glibc)
  import Glibc
#endif

/// One headless Chromium driven through the DevTools protocol over pipes (`--remote-debugging-pipe`).
///
/// Open pages with `newPage`; several pages may load, run scripts, print and take screenshots at the same
/// time. Always end with `close()` (or use `Browser.with`): it closes the browser and reaps its processes;
/// dropping the last reference kills it as well, and the browser exits by itself if this process dies.
///
/// ```swift
/// let browser = try Browser.launch(try Chromium.locate())
/// let page = try await browser.newPage(width: 1280, height: 720)
/// try await page.navigate(to: URL(fileURLWithPath: "deck.html"))
/// let two = try await page.evaluate("1 + 1", as: Int.self)
/// let png = try await page.screenshot()
/// await browser.close()
/// ```
public final class Browser: Sendable {
  /// How the browser is started and how long commands may take.
  public struct Options: Sendable {
    /// Seconds a single command (or a page load) may take before it fails with `BrowserError.timedOut`.
    public var timeout: Double = 30
    /// Extra Chromium switches, after Lectern's own.
    public var extraArguments: [String] = []

    public init(timeout: Double = 30, extraArguments: [String] = []) {
      self.timeout = timeout
      self.extraArguments = extraArguments
    }
  }

  let connection: DevToolsConnection
  let process: BrowserProcess
  public let options: Options

  /// Starts `chromium` headless with a fresh profile; fails when the executable cannot be started.
  public static func launch(_ chromium: Chromium, options: Options = Options()) throws -> Browser {
    var arguments = [
      "--headless", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run", "--no-default-browser-check",
      "--hide-scrollbars", "--mute-audio", "--allow-file-access-from-files", "--remote-debugging-pipe",
      "--disable-background-timer-throttling", "--disable-renderer-backgrounding",
      "--disable-backgrounding-occluded-windows", "--disable-extensions", "--disable-sync",
      "--font-render-hinting=none",
    ]
    if getuid() == 0 { arguments.append("--no-sandbox") }
    arguments += options.extraArguments
    arguments.append("about:blank")
    let process = try BrowserProcess(executable: chromium.executable, arguments: arguments)
    return Browser(process: process, options: options)
  }

  /// Runs `body` with a launched browser and closes it afterwards, also when `body` throws.
  public static func with<T: Sendable>(
    _ chromium: Chromium, options: Options = Options(), _ body: (Browser) async throws -> T
  ) async throws -> T {
    let browser = try launch(chromium, options: options)
    do {
      let value = try await body(browser)
      await browser.close()
      return value
    } catch {
      await browser.close()
      throw error
    }
  }

  private init(process: BrowserProcess, options: Options) {
    self.process = process
    self.options = options
    connection = DevToolsConnection(process: process)
  }

  deinit { process.reap(grace: 0) }

  /// The browser's product string (`Chrome/156.0…`); a cheap check that the browser answers.
  public func version() async throws -> String {
    struct Reply: Decodable { var product: String }
    return try await connection.send("Browser.getVersion", NoParameters(), timeout: options.timeout, as: Reply.self).product
  }

  /// Opens a new page (a tab with its own viewport of `width`×`height` CSS pixels) on `about:blank`.
  public func newPage(width: Int = 1280, height: Int = 720) async throws -> BrowserPage {
    struct Create: Encodable { var url = "about:blank" }
    struct Created: Decodable { var targetId: String }
    struct Attach: Encodable { var targetId: String, flatten = true }
    struct Attached: Decodable { var sessionId: String }
    let timeout = options.timeout
    let target = try await connection.send(
      "Target.createTarget", Create(), timeout: timeout, as: Created.self
    ).targetId
    let session = try await connection.send(
      "Target.attachToTarget", Attach(targetId: target), timeout: timeout, as: Attached.self
    ).sessionId
    let page = BrowserPage(browser: self, targetID: target, sessionID: session)
    try await page.prepare(width: width, height: height)
    return page
  }

  /// True until the browser process has exited.
  public var isRunning: Bool { process.isRunning }

  /// The operating-system process id of the browser (for tests that check reaping).
  public var processID: Int32 { process.pid }

  /// Closes the browser and waits for its processes (at most a few seconds, then kills them). Idempotent.
  public func close() async {
    if process.isRunning {
      _ = try? await connection.send("Browser.close", NoParameters(), timeout: 3)
    }
    process.reap(grace: 3)
  }
}

struct NoParameters: Encodable, Sendable {}
