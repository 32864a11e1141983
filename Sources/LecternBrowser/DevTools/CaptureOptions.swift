import Foundation

/// What `BrowserPage.screenshot` captures (the DevTools `Page.captureScreenshot` parameters).
public struct ScreenshotOptions: Encodable, Sendable {
  /// Image format of the screenshot bytes.
  public enum Format: String, Encodable, Sendable { case png, jpeg, webp }

  /// A rectangle of the page in CSS pixels, captured at `scale` (2 doubles the pixel size).
  public struct Clip: Encodable, Sendable {
    public var x: Double, y: Double, width: Double, height: Double, scale: Double
    public init(x: Double, y: Double, width: Double, height: Double, scale: Double = 1) {
      (self.x, self.y, self.width, self.height, self.scale) = (x, y, width, height, scale)
    }
  }

  public var format: Format
  /// JPEG/WebP quality, 0–100 (ignored for PNG).
  public var quality: Int?
  public var clip: Clip?
  /// Capture beyond the viewport (for a clip taller than the viewport).
  public var captureBeyondViewport: Bool?

  public init(format: Format = .png, quality: Int? = nil, clip: Clip? = nil, captureBeyondViewport: Bool? = nil) {
    self.format = format
    self.quality = format == .png ? nil : quality
    self.clip = clip
    self.captureBeyondViewport = captureBeyondViewport
  }
}

/// How `BrowserPage.printPDF` prints (the DevTools `Page.printToPDF` parameters); `nil` keeps Chromium's
/// default. Sizes are in inches.
public struct PDFOptions: Encodable, Sendable {
  public var landscape: Bool?
  public var displayHeaderFooter: Bool? = false
  public var printBackground: Bool? = true
  public var scale: Double?
  public var paperWidth: Double?
  public var paperHeight: Double?
  public var marginTop: Double?
  public var marginBottom: Double?
  public var marginLeft: Double?
  public var marginRight: Double?
  /// Pages to print, as `"1-5, 8"`; empty prints all.
  public var pageRanges: String?
  /// Use the page's CSS `@page { size }` instead of `paperWidth`/`paperHeight`.
  public var preferCSSPageSize: Bool? = true
  /// Write a tagged (accessible) PDF.
  public var generateTaggedPDF: Bool?
  /// Write a document outline (bookmarks) from the page's headings; needs a tagged PDF.
  public var generateDocumentOutline: Bool?

  public init(
    preferCSSPageSize: Bool? = true, printBackground: Bool? = true, generateDocumentOutline: Bool? = nil,
    generateTaggedPDF: Bool? = nil, pageRanges: String? = nil
  ) {
    self.preferCSSPageSize = preferCSSPageSize
    self.printBackground = printBackground
    self.generateDocumentOutline = generateDocumentOutline
    self.generateTaggedPDF = generateTaggedPDF ?? (generateDocumentOutline == true ? true : nil)
    self.pageRanges = pageRanges
  }
}
