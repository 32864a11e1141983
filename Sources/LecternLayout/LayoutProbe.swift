import Foundation
import LecternBrowser
import LecternCore

/// Measures built decks in one headless Chromium, several pages at a time.
///
/// Each deck is opened in print mode (`?print`: every slide laid out and fitted, every fragment shown) in a
/// viewport of the slide's size, and `LayoutScript` measures every slide.
public struct LayoutProbe: Sendable {
  /// Text smaller than this many pixels on a 720-pixel-high slide is hard to read from the back of a room
  /// (scaled with the slide height for other sizes: 27 px at 1920×1080).
  public static let readablePixels = 18.0

  public let browser: Browser
  /// Pages open at once.
  public var parallelPages: Int

  public init(browser: Browser, parallelPages: Int = 4) {
    self.browser = browser
    self.parallelPages = max(1, parallelPages)
  }

  /// Measures every input; results in input order (a deck that cannot be measured gives its error).
  public func measure(_ inputs: [LayoutInput]) async -> [Result<DeckLayout, Error>] {
    await withTaskGroup(of: (Int, Result<DeckLayout, Error>).self) { group in
      var results = [Result<DeckLayout, Error>?](repeating: nil, count: inputs.count)
      var next = 0
      func startNext() {
        guard next < inputs.count else { return }
        let index = next
        next += 1
        group.addTask { (index, await Result { try await measure(inputs[index]) }) }
      }
      for _ in 0..<parallelPages { startNext() }
      for await (index, result) in group {
        results[index] = result
        startNext()
      }
      return results.map { $0! }
    }
  }

  /// Measures one deck in its own page (closed afterwards).
  public func measure(_ input: LayoutInput) async throws -> DeckLayout {
    let page = try await browser.newPage(width: input.width, height: input.height)
    do {
      try await page.load(html: input.html, baseURL: input.baseURL, query: "print")
      let script = LayoutScript.source.replacingOccurrences(of: "READABLE_PX", with: String(Self.readablePixels))
      let slides = try await page.evaluate(script, as: [SlideLayout].self)
      try? await page.close()
      return DeckLayout(path: input.path, width: input.width, height: input.height, theme: input.theme, slides: slides)
    } catch {
      try? await page.close()
      throw error
    }
  }

  /// Launches a browser, measures `inputs` and closes it, blocking the calling thread (for synchronous
  /// commands; never call it from an async context).
  public static func measureBlocking(_ inputs: [LayoutInput], chromium: Chromium, parallelPages: Int = 4) throws
    -> [Result<DeckLayout, Error>]
  {
    let box = Locked<Result<[Result<DeckLayout, Error>], Error>?>(nil)
    let done = DispatchSemaphore(value: 0)
    Task.detached {
      let outcome = await Result {
        try await Browser.with(chromium) { browser in
          await LayoutProbe(browser: browser, parallelPages: parallelPages).measure(inputs).map { $0.mapError { $0 as Error } }
        }
      }
      box.withLock { $0 = outcome }
      done.signal()
    }
    done.wait()
    return try box.snapshot!.get()
  }
}

extension Result where Failure == Error {
  init(catching body: () async throws -> Success) async {
    do { self = .success(try await body()) } catch { self = .failure(error) }
  }
}
