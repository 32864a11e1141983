import Foundation
import LecternCore

/// One slide to take a picture of (1-based) and the file to write it to; `.png`, `.jpg` or `.jpeg` picks the format.
public struct SlideShot: Sendable, Hashable {
  public var slide: Int
  public var file: URL

  public init(slide: Int, file: URL) {
    self.slide = slide
    self.file = file
  }

  var format: ScreenshotOptions.Format { file.pathExtension.lowercased() == "png" ? .png : .jpeg }
}

/// Pictures of one built deck: its page, the folder its relative URLs resolve against, the slide size, the
/// scale (device pixels per CSS pixel) and the slides to take.
public struct SlidePictures: Sendable {
  public var html: String
  public var baseURL: URL
  public var width: Int
  public var height: Int
  public var scale: Double
  public var shots: [SlideShot]

  public init(html: String, baseURL: URL, width: Int, height: Int, scale: Double, shots: [SlideShot]) {
    self.html = html
    self.baseURL = baseURL
    self.width = width
    self.height = height
    self.scale = scale
    self.shots = shots
  }

  /// Takes every deck's pictures through one headless Chromium (several pages at once); per deck, in order,
  /// success or why it failed. Throws when the browser cannot be started.
  public static func takeBlocking(_ decks: [SlidePictures], chromium: Chromium, parallelPages: Int = 4) throws
    -> [Result<Void, Error>]
  {
    let box = Locked<Result<[Result<Void, Error>], Error>?>(nil)
    let done = DispatchSemaphore(value: 0)
    Task.detached {
      let outcome: Result<[Result<Void, Error>], Error>
      do {
        outcome = .success(
          try await Browser.with(chromium) { browser in await take(decks, in: browser, parallelPages: parallelPages) })
      } catch {
        outcome = .failure(error)
      }
      box.withLock { $0 = outcome }
      done.signal()
    }
    done.wait()
    return try box.snapshot!.get()
  }

  static func take(_ decks: [SlidePictures], in browser: Browser, parallelPages: Int) async -> [Result<Void, Error>] {
    var results = [Result<Void, Error>?](repeating: nil, count: decks.count)
    await withTaskGroup(of: (Int, Result<Void, Error>).self) { group in
      var next = 0
      func start() {
        guard next < decks.count else { return }
        let index = next
        next += 1
        group.addTask {
          do {
            try await decks[index].take(in: browser)
            return (index, .success(()))
          } catch {
            return (index, .failure(error))
          }
        }
      }
      for _ in 0..<max(1, parallelPages) { start() }
      while let (index, result) = await group.next() {
        results[index] = result
        start()
      }
    }
    return results.map { $0 ?? .failure(BrowserError.scriptFailed("the pictures were not taken")) }
  }

  /// Opens the page at the slide's size in its audience view with `?shot` (no controls, no transitions),
  /// then for each slide: go to `#N`, wait for two frames, capture, write atomically.
  func take(in browser: Browser) async throws {
    let page = try await browser.newPage(width: width, height: height)
    do {
      try await shoot(page)
      try? await page.close()
    } catch {
      try? await page.close()
      throw error
    }
  }

  private func shoot(_ page: BrowserPage) async throws {
    try await page.setViewport(width: width, height: height, deviceScaleFactor: scale)
    try await page.load(html: html, baseURL: baseURL, query: "shot")
    _ = try await page.evaluate("document.fonts ? document.fonts.ready.then(() => 'ready') : 'ready'", as: String.self)
    for shot in shots {
      try await page.run("location.hash = '#\(shot.slide)'; true")
      _ = try await page.evaluate(
        "new Promise(r => requestAnimationFrame(() => requestAnimationFrame(() => r('drawn'))))", as: String.self)
      let data = try await page.screenshot(ScreenshotOptions(format: shot.format, quality: shot.format == .jpeg ? 90 : nil))
      try FileManager.default.createDirectory(at: shot.file.deletingLastPathComponent(), withIntermediateDirectories: true)
      try data.write(to: shot.file, options: .atomic)
    }
  }
}
