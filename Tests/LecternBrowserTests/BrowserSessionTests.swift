import Foundation
import LecternTestSupport
import Testing

@testable import LecternBrowser

#if canImport(Glibc)
  import Glibc
#endif

let chromium = try? Chromium.locate()

/// Width and height from a PNG's IHDR chunk.
func pngSize(_ data: Data) -> (width: Int, height: Int)? {
  let bytes = [UInt8](data)
  guard bytes.count > 24, bytes[0..<8] == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] else { return nil }
  func word(_ at: Int) -> Int { bytes[at..<at + 4].reduce(0) { $0 << 8 | Int($1) } }
  return (word(16), word(20))
}

/// True while a process with this id exists (and is not a zombie of ours).
func processExists(_ pid: Int32) -> Bool {
  kill(pid, 0) == 0
}

@Suite(.enabled(if: chromium != nil, "needs Debian's chromium"), .serialized)
struct BrowserSessionTests {
  @Test func evaluatesScreenshotsAndPrintsInOneBrowser() async throws {
    try await Browser.with(chromium!) { browser in
      #expect(try await browser.version().contains("Chrome"))
      let page = try await browser.newPage(width: 640, height: 360)
      #expect(try await page.evaluate("1+1", as: Int.self) == 2)
      #expect(try await page.evaluate("Promise.resolve('late')", as: String.self) == "late")

      let html =
        "<html><head><style>body{margin:0;background:#fff}#box{width:100px;height:50px;background:rgb(255,0,0)}</style>"
        + "</head><body><div id=box></div><img src=missing.png></body></html>"
      let folder = TestPaths.temporaryDirectory()
      defer { try? FileManager.default.removeItem(at: folder) }
      try await page.load(html: html, baseURL: folder)
      #expect(
        try await page.evaluate("document.querySelector('img').src", as: String.self)
          == folder.appendingPathComponent("missing.png").absoluteString)
      #expect(try await page.evaluate("getComputedStyle(box).backgroundColor", as: String.self) == "rgb(255, 0, 0)")

      let full = try #require(pngSize(try await page.screenshot()))
      #expect(full.width == 640 && full.height == 360)
      let clip = ScreenshotOptions.Clip(x: 0, y: 0, width: 100, height: 50, scale: 2)
      let doubled = try #require(pngSize(try await page.screenshot(ScreenshotOptions(clip: clip))))
      #expect(doubled.width == 200 && doubled.height == 100)
      let jpeg = try await page.screenshot(ScreenshotOptions(format: .jpeg, quality: 80))
      #expect(jpeg.prefix(3) == Data([0xFF, 0xD8, 0xFF]))

      let pdf = try await page.printPDF(PDFOptions(generateDocumentOutline: true))
      #expect(pdf.prefix(5) == Data("%PDF-".utf8))
      try await page.close()
    }
  }

  @Test func severalPagesWorkAtOnce() async throws {
    try await Browser.with(chromium!) { browser in
      let answers = try await withThrowingTaskGroup(of: Int.self) { group in
        for n in 1...4 {
          group.addTask {
            let page = try await browser.newPage(width: 320 * n, height: 200)
            try await page.load(html: "<body><p>\(n)</p></body>", baseURL: URL(fileURLWithPath: "/tmp"))
            let width = try await page.evaluate("innerWidth", as: Int.self)
            let text = try await page.evaluate("+document.querySelector('p').textContent", as: Int.self)
            try await page.close()
            return width * 10 + text
          }
        }
        return try await group.reduce(into: []) { $0.append($1) }.sorted()
      }
      #expect(answers == [3201, 6402, 9603, 12804])
    }
  }

  @Test func failuresAreNamedAndTheBrowserIsReaped() async throws {
    let browser = try Browser.launch(chromium!, options: Browser.Options(timeout: 6))
    let pid = browser.processID
    let page = try await browser.newPage()
    await #expect(throws: BrowserError.scriptFailed("Error: broken")) {
      try await page.evaluate("(() => { throw new Error('broken') })()", as: Int.self)
    }
    await #expect(throws: BrowserError.self) {
      try await page.navigate(to: URL(fileURLWithPath: "/nonexistent/lectern/deck.html"))
    }
    await #expect(throws: BrowserError.timedOut(method: "Runtime.evaluate", seconds: 6)) {
      try await page.evaluate("new Promise(() => {})", as: Int.self)
    }
    #expect(try await page.evaluate("'still answering'", as: String.self) == "still answering")
    #expect(browser.isRunning)
    await browser.close()
    #expect(!processExists(pid))
    await #expect(throws: BrowserError.self) { try await page.evaluate("1", as: Int.self) }
  }

  @Test func aBrowserThatWasNeverClosedIsKilledWhenDropped() async throws {
    var browser: Browser? = try Browser.launch(chromium!)
    let pid = browser!.processID
    #expect(try await browser!.version().isEmpty == false)
    browser = nil
    #expect(!processExists(pid))
  }
}
