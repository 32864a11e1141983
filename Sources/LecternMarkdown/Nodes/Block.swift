import LecternCore

/// A block-level Markdown element with the range it occupies in the original file.
public struct Block: Sendable, Hashable {
  public var kind: Kind
  /// `nil` only when cmark-gfm reported no usable position.
  public var range: SourceRange?

  public init(_ kind: Kind, range: SourceRange?) {
    self.kind = kind
    self.range = range
  }

  public enum Kind: Sendable, Hashable {
    case heading(Heading)
    case paragraph([Inline])
    case blockQuote([Block])
    case list(ListBlock)
    case codeBlock(CodeBlock)
    /// Raw HTML exactly as written (comments included).
    case htmlBlock(String)
    case thematicBreak
    /// Boxed: a table is far larger than the other cases, and every block (copied often) is as large as its largest case.
    indirect case table(Table)
    case footnoteDefinition(label: String, blocks: [Block])
  }
}

/// An ATX (`#`) or setext (underlined) heading.
public struct Heading: Sendable, Hashable {
  /// 1...6.
  public var level: Int
  public var inlines: [Inline]
  public var isSetext: Bool

  public init(level: Int, inlines: [Inline], isSetext: Bool) {
    self.level = level
    self.inlines = inlines
    self.isSetext = isSetext
  }
}

/// A bullet or ordered list.
public struct ListBlock: Sendable, Hashable {
  public enum Kind: String, Sendable, Hashable { case bullet, ordered }
  public var kind: Kind
  /// The first number of an ordered list; `nil` for bullet lists.
  public var start: Int?
  public var isTight: Bool
  public var items: [ListItem]

  public init(kind: Kind, start: Int?, isTight: Bool, items: [ListItem]) {
    self.kind = kind
    self.start = start
    self.isTight = isTight
    self.items = items
  }
}

/// One item of a list. `isChecked` is `nil` unless the item is a GFM task (`- [ ]`, `- [x]`).
public struct ListItem: Sendable, Hashable {
  public var blocks: [Block]
  public var isChecked: Bool?
  public var range: SourceRange?

  public init(blocks: [Block], isChecked: Bool?, range: SourceRange?) {
    self.blocks = blocks
    self.isChecked = isChecked
    self.range = range
  }
}

/// A fenced or indented code block.
public struct CodeBlock: Sendable, Hashable {
  /// The info string of a fence (`swift`, `yaml title=x`); empty for indented code.
  public var info: String
  public var code: String
  public var isFenced: Bool

  public init(info: String, code: String, isFenced: Bool) {
    self.info = info
    self.code = code
    self.isFenced = isFenced
  }

  /// The first word of the info string, the language most renderers key on.
  public var language: String? {
    info.split(whereSeparator: { $0 == " " || $0 == "\t" }).first.map(String.init)
  }
}
