import LecternCore

/// A heading and everything under it up to the next heading of the same or a higher level.
///
/// Documents that are not slide decks (postmortem notes, strategy documents) are read as a tree
/// of sections. Content before the first heading is the outline's `preamble`.
public struct Section: Sendable, Hashable {
  /// 1...6.
  public var level: Int
  /// The heading's plain text.
  public var title: String
  public var heading: Block
  /// The blocks directly in this section (not in subsections), heading excluded.
  public var blocks: [Block]
  public var subsections: [Section]

  /// From the heading to the last block of the last subsection.
  public var range: SourceRange? {
    var r = heading.range
    if let last = (subsections.last?.range ?? blocks.last?.range) {
      r = r.map { $0.union(last) } ?? last
    }
    return r
  }

  /// Tables directly in this section and in its subsections, in order.
  public var tables: [Table] { blocks.allTables + subsections.flatMap(\.tables) }
}

/// The heading structure of a document.
public struct Outline: Sendable, Hashable {
  public var preamble: [Block]
  public var sections: [Section]

  /// Groups top-level blocks under their headings. Headings inside quotes or lists do not open sections.
  public init(blocks: [Block]) {
    var preamble: [Block] = []
    // A stack of open sections; closing one appends it to its parent (or to the roots).
    var stack: [Section] = []
    var roots: [Section] = []

    func close(_ section: Section) {
      if stack.isEmpty { roots.append(section) } else { stack[stack.count - 1].subsections.append(section) }
    }

    for block in blocks {
      if case .heading(let h) = block.kind {
        while let top = stack.last, top.level >= h.level {
          stack.removeLast()
          close(top)
        }
        stack.append(Section(level: h.level, title: h.inlines.plainText.trimmed, heading: block, blocks: [], subsections: []))
      } else if stack.isEmpty {
        preamble.append(block)
      } else {
        stack[stack.count - 1].blocks.append(block)
      }
    }
    while let top = stack.popLast() { close(top) }
    self.preamble = preamble
    self.sections = roots
  }
}

extension StringProtocol {
  /// Without leading and trailing spaces, tabs and line breaks.
  public var trimmed: String {
    var s = Substring(self)
    while let f = s.first, f == " " || f == "\t" || f == "\n" || f == "\r" { s.removeFirst() }
    while let l = s.last, l == " " || l == "\t" || l == "\n" || l == "\r" { s.removeLast() }
    return String(s)
  }
}
