import Foundation

/// A PDF's document information (title, author, subject, keywords), written by an incremental update: a new
/// Info dictionary, an xref section for it and a trailer pointing back at the original one (ISO 32000-1
/// §7.5.6). Chromium sets only the title (from the page's `<title>`), so the rest is appended after printing;
/// the bytes Chromium wrote are left as they are.
public struct PDFDocumentInfo: Sendable, Equatable {
  public var title: String?
  public var author: String?
  public var subject: String?
  public var keywords: String?

  public init(title: String? = nil, author: String? = nil, subject: String? = nil, keywords: String? = nil) {
    self.title = title
    self.author = author
    self.subject = subject
    self.keywords = keywords
  }

  public var isEmpty: Bool { [title, author, subject, keywords].allSatisfy { $0 == nil } }

  public enum Failure: Error, CustomStringConvertible {
    case unreadable(String)

    public var description: String {
      switch self {
      case .unreadable(let what): "cannot add document properties to the PDF: \(what)"
      }
    }
  }

  /// `pdf` with this information appended; the original Info dictionary's other entries (producer, creation
  /// date) are carried over.
  public func appended(to pdf: Data) throws -> Data {
    let bytes = [UInt8](pdf)
    let tail = String(decoding: bytes.suffix(2048), as: UTF8.self)
    guard let startxref = Self.lastNumber(after: "startxref", in: tail) else { throw Failure.unreadable("no startxref") }
    guard let trailerStart = tail.range(of: "trailer", options: .backwards) else {
      throw Failure.unreadable("no classic trailer (cross-reference streams are not supported)")
    }
    let trailer = String(tail[trailerStart.upperBound...])
    guard let size = Self.lastNumber(after: "/Size", in: trailer), let root = Self.reference(after: "/Root", in: trailer) else {
      throw Failure.unreadable("the trailer has no /Size or /Root")
    }
    var entries = Self.carriedEntries(from: bytes, trailer: trailer)
    for (key, value) in [("Title", title), ("Author", author), ("Subject", subject), ("Keywords", keywords)] {
      if let value { entries[key] = Self.textString(value) }
    }
    var update = "\n\(size) 0 obj\n<<"
    for key in entries.keys.sorted() { update += " /\(key) \(entries[key]!)" }
    update += " >>\nendobj\n"
    let objectOffset = bytes.count + 1
    let xrefOffset = bytes.count + update.utf8.count
    update += "xref\n\(size) 1\n" + String(format: "%010d 00000 n \n", objectOffset)
    var newTrailer = "/Size \(size + 1) /Root \(root) /Info \(size) 0 R /Prev \(startxref)"
    if let id = trailer.range(of: "/ID") {
      let rest = trailer[id.upperBound...]
      if let open = rest.firstIndex(of: "["), let close = rest.firstIndex(of: "]") { newTrailer += " /ID " + rest[open...close] }
    }
    update += "trailer\n<< \(newTrailer) >>\nstartxref\n\(xrefOffset)\n%%EOF\n"
    return pdf + Data(update.utf8)
  }

  /// The old Info dictionary's entries (raw PDF values) other than the four written here.
  static func carriedEntries(from bytes: [UInt8], trailer: String) -> [String: String] {
    guard let info = reference(after: "/Info", in: trailer), let number = Int(info.split(separator: " ")[0]) else { return [:] }
    let text = String(decoding: bytes, as: UTF8.self)
    guard let start = text.range(of: "\n\(number) 0 obj"),
      let end = text.range(of: "endobj", range: start.upperBound..<text.endIndex)
    else { return [:] }
    let body = String(text[start.upperBound..<end.lowerBound])
    var entries: [String: String] = [:]
    for key in ["Creator", "Producer", "CreationDate", "ModDate"] {
      guard let r = body.range(of: "/\(key)") else { continue }
      let rest = body[r.upperBound...].drop(while: { $0 == " " || $0 == "\n" })
      if rest.first == "(" {
        var depth = 0
        var escaped = false
        var value = ""
        for c in rest {
          value.append(c)
          if escaped {
            escaped = false
          } else if c == "\\" {
            escaped = true
          } else if c == "(" {
            depth += 1
          } else if c == ")" {
            depth -= 1
            if depth == 0 { break }
          }
        }
        entries[key] = value
      } else if rest.first == "<", let close = rest.firstIndex(of: ">") {
        entries[key] = String(rest[...close])
      }
    }
    return entries
  }

  /// Any text as a PDF text string: UTF-16BE with a byte-order mark, in hex.
  static func textString(_ text: String) -> String {
    "<FEFF" + text.utf16.map { String(format: "%04X", $0) }.joined() + ">"
  }

  static func lastNumber(after keyword: String, in text: String) -> Int? {
    guard let r = text.range(of: keyword, options: .backwards) else { return nil }
    return Int(text[r.upperBound...].drop(while: { $0.isWhitespace }).prefix(while: \.isNumber))
  }

  /// `N G R` after `keyword`.
  static func reference(after keyword: String, in text: String) -> String? {
    guard let r = text.range(of: keyword) else { return nil }
    let words = text[r.upperBound...].split(whereSeparator: { $0.isWhitespace || $0 == "/" || $0 == ">" }).prefix(3)
    guard words.count == 3, Int(words[words.startIndex]) != nil, words.last == "R" else { return nil }
    return words.joined(separator: " ")
  }
}
