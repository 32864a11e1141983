/// A replacement of a span of the source's UTF-8 bytes.
public struct TextEdit: Sendable, Hashable {
  /// UTF-8 byte offsets into the source text (without BOM), `start <= end`.
  public var start: Int
  public var end: Int
  public var replacement: String

  public init(start: Int, end: Int, replacement: String) {
    self.start = start
    self.end = max(start, end)
    self.replacement = replacement
  }

  public static func insert(_ text: String, at offset: Int) -> TextEdit {
    TextEdit(start: offset, end: offset, replacement: text)
  }
}

/// Edits that make a problem go away without losing content, with a short description.
public struct Fix: Sendable, Hashable {
  public var summary: String
  public var edits: [TextEdit]

  public init(_ summary: String, edits: [TextEdit]) {
    self.summary = summary
    self.edits = edits
  }
}

extension SourceFile {
  /// Applies non-overlapping edits (later ones first) and returns the new text; edits that overlap
  /// an already-applied one are skipped and returned so a second pass can retry them.
  public func applying(_ edits: [TextEdit]) -> (text: String, skipped: [TextEdit]) {
    var bytes = self.bytes
    var skipped: [TextEdit] = []
    var lowestApplied = Int.max
    for edit in edits.sorted(by: { ($0.start, $0.end) > ($1.start, $1.end) }) {
      // Insertions at the same offset as an applied edit's start are fine; overlaps are not.
      if edit.end > lowestApplied {
        skipped.append(edit)
        continue
      }
      bytes.replaceSubrange(edit.start..<edit.end, with: Array(edit.replacement.utf8))
      lowestApplied = edit.start
    }
    return (String(decoding: bytes, as: UTF8.self), skipped)
  }
}
