import Foundation
import LecternCore

/// A `<style>` element in a deck: global CSS, or CSS for its own slide only when `scoped`.
public struct StyleElement: Sendable, Hashable {
  public var css: String
  public var isScoped: Bool
  public var range: SourceRange?

  /// Reads a `<style>` HTML block; `nil` when the block is not one.
  static func parse(_ html: String, range: SourceRange?) -> StyleElement? {
    let trimmed = Substring(html).drop(while: { $0 == " " || $0 == "\t" })
    guard trimmed.lowercased().hasPrefix("<style"),
      let tagEnd = trimmed.firstIndex(of: ">")
    else { return nil }
    let attributes = trimmed[trimmed.index(trimmed.startIndex, offsetBy: 6)..<tagEnd]
    guard attributes.isEmpty || attributes.first == " " || attributes.first == "\t" || attributes.first == "\n" else {
      return nil
    }
    let body = trimmed[trimmed.index(after: tagEnd)...]
    let css: Substring
    if let close = body.range(of: "</style>", options: .caseInsensitive) {
      css = body[..<close.lowerBound]
    } else {
      css = body
    }
    let scoped = attributes.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" }).contains {
      $0.lowercased() == "scoped" || $0.lowercased().hasPrefix("scoped=")
    }
    return StyleElement(css: String(css).trimmingCharacters(in: .whitespacesAndNewlines), isScoped: scoped, range: range)
  }
}
