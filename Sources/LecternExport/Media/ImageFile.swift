import Foundation

/// An image to embed: its bytes, the extension its part is named with, and its size in pixels.
///
/// PNG, JPEG, GIF and BMP are read for their size; SVG is embedded for PowerPoint's SVG support with
/// its `width`/`height` (or `viewBox`) as size. Anything else is not an image PowerPoint shows.
public struct ImageFile: Sendable, Hashable {
  public var data: Data
  public var fileExtension: String
  public var width: Double
  public var height: Double

  /// `nil` when the bytes are not a PNG, JPEG, GIF, BMP or SVG image.
  public init?(data: Data) {
    let bytes = [UInt8](data.prefix(64 * 1024))
    guard
      let (ext, size) = ImageFile.png(bytes) ?? ImageFile.gif(bytes) ?? ImageFile.bmp(bytes) ?? ImageFile.jpeg(bytes)
        ?? ImageFile.svg(data)
    else { return nil }
    self.data = data
    self.fileExtension = ext
    (width, height) = (max(size.0, 1), max(size.1, 1))
  }

  var contentType: String {
    switch fileExtension {
    case "png": "image/png"
    case "jpeg": "image/jpeg"
    case "gif": "image/gif"
    case "bmp": "image/bmp"
    default: "image/svg+xml"
    }
  }

  private static func be16(_ b: [UInt8], _ i: Int) -> Int { Int(b[i]) << 8 | Int(b[i + 1]) }
  private static func le16(_ b: [UInt8], _ i: Int) -> Int { Int(b[i]) | Int(b[i + 1]) << 8 }
  private static func be32(_ b: [UInt8], _ i: Int) -> Int { be16(b, i) << 16 | be16(b, i + 2) }
  private static func le32(_ b: [UInt8], _ i: Int) -> Int { le16(b, i) | le16(b, i + 2) << 16 }

  private static func png(_ b: [UInt8]) -> (String, (Double, Double))? {
    guard b.count >= 24, b.starts(with: [0x89, 0x50, 0x4E, 0x47]) else { return nil }
    return ("png", (Double(be32(b, 16)), Double(be32(b, 20))))
  }

  private static func gif(_ b: [UInt8]) -> (String, (Double, Double))? {
    guard b.count >= 10, b.starts(with: Array("GIF8".utf8)) else { return nil }
    return ("gif", (Double(le16(b, 6)), Double(le16(b, 8))))
  }

  private static func bmp(_ b: [UInt8]) -> (String, (Double, Double))? {
    guard b.count >= 26, b[0] == 0x42, b[1] == 0x4D else { return nil }
    return ("bmp", (Double(le32(b, 18)), Double(abs(Int32(truncatingIfNeeded: le32(b, 22))))))
  }

  /// The first start-of-frame marker's height and width.
  private static func jpeg(_ b: [UInt8]) -> (String, (Double, Double))? {
    guard b.count >= 4, b[0] == 0xFF, b[1] == 0xD8 else { return nil }
    var i = 2
    while i + 9 < b.count {
      guard b[i] == 0xFF else { i += 1; continue }
      let marker = b[i + 1]
      if (0xC0...0xCF).contains(marker), marker != 0xC4, marker != 0xC8, marker != 0xCC {
        return ("jpeg", (Double(be16(b, i + 7)), Double(be16(b, i + 5))))
      }
      i += 2 + be16(b, i + 2)
    }
    return ("jpeg", (0, 0))
  }

  private static func svg(_ data: Data) -> (String, (Double, Double))? {
    guard let text = String(data: data.prefix(8192), encoding: .utf8), text.contains("<svg") else { return nil }
    guard let open = text.range(of: "<svg"), let close = text[open.upperBound...].firstIndex(of: ">") else { return nil }
    let tag = String(text[open.upperBound..<close])
    func attribute(_ name: String) -> String? {
      guard let r = tag.range(of: #"\b\#(name)\s*=\s*["']([^"']*)["']"#, options: .regularExpression) else { return nil }
      let match = tag[r]
      guard let q = match.firstIndex(where: { $0 == "\"" || $0 == "'" }) else { return nil }
      return String(match[match.index(after: q)...].dropLast())
    }
    let box = attribute("viewBox")?.split(whereSeparator: { $0 == " " || $0 == "," }).compactMap { Double($0) }
    let width =
      attribute("width").flatMap { Double($0.replacingOccurrences(of: "px", with: "")) }
      ?? box.flatMap { $0.count == 4 ? $0[2] : nil }
    let height =
      attribute("height").flatMap { Double($0.replacingOccurrences(of: "px", with: "")) }
      ?? box.flatMap { $0.count == 4 ? $0[3] : nil }
    return ("svg", (width ?? 300, height ?? 150))
  }
}
