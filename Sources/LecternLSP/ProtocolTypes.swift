/// The Language Server Protocol types Lectern's server reads and writes (LSP 3.17), as Codable values.
/// Positions are 0-based lines and UTF-16 code units; a range's end is exclusive.
public enum LSP {
  public struct Position: Codable, Sendable, Hashable, Comparable {
    public var line: Int
    public var character: Int

    public init(line: Int, character: Int) {
      self.line = line
      self.character = character
    }

    public static func < (a: Position, b: Position) -> Bool { (a.line, a.character) < (b.line, b.character) }
  }

  public struct Range: Codable, Sendable, Hashable {
    public var start: Position
    public var end: Position

    public init(start: Position, end: Position) {
      self.start = start
      self.end = end
    }

    /// Whether two ranges share a position (touching counts, so an empty range at a finding's edge selects it).
    public func touches(_ other: Range) -> Bool { start <= other.end && other.start <= end }
  }

  public struct TextEdit: Codable, Sendable, Hashable {
    public var range: Range
    public var newText: String
  }

  public struct WorkspaceEdit: Codable, Sendable, Hashable {
    /// Edits per document URI.
    public var changes: [String: [TextEdit]]
  }

  public struct Diagnostic: Codable, Sendable, Hashable {
    public var range: Range
    /// 1 error, 2 warning, 3 information, 4 hint.
    public var severity: Int
    public var code: String
    public var source: String
    public var message: String
  }

  public struct PublishDiagnosticsParams: Codable, Sendable {
    public var uri: String
    public var version: Int?
    public var diagnostics: [Diagnostic]
  }

  public struct CodeAction: Codable, Sendable, Hashable {
    public var title: String
    public var kind: String
    public var diagnostics: [Diagnostic]?
    public var isPreferred: Bool?
    public var edit: WorkspaceEdit
  }

  public struct MarkupContent: Codable, Sendable, Hashable {
    public var kind: String
    public var value: String
  }

  public struct Hover: Codable, Sendable, Hashable {
    public var contents: MarkupContent
    public var range: Range?
  }

  // Parameters the server reads.

  public struct TextDocumentIdentifier: Codable, Sendable {
    public var uri: String
  }

  public struct TextDocumentItem: Codable, Sendable {
    public var uri: String
    public var languageId: String?
    public var version: Int?
    public var text: String
  }

  public struct DidOpenParams: Codable, Sendable {
    public var textDocument: TextDocumentItem
  }

  public struct VersionedTextDocumentIdentifier: Codable, Sendable {
    public var uri: String
    public var version: Int?
  }

  public struct ContentChange: Codable, Sendable {
    /// Present only for incremental changes, which this server does not ask for.
    public var range: Range?
    public var text: String
  }

  public struct DidChangeParams: Codable, Sendable {
    public var textDocument: VersionedTextDocumentIdentifier
    public var contentChanges: [ContentChange]
  }

  public struct DidSaveParams: Codable, Sendable {
    public var textDocument: TextDocumentIdentifier
    public var text: String?
  }

  public struct DidCloseParams: Codable, Sendable {
    public var textDocument: TextDocumentIdentifier
  }

  public struct CodeActionContext: Codable, Sendable {
    public var only: [String]?
  }

  public struct CodeActionParams: Codable, Sendable {
    public var textDocument: TextDocumentIdentifier
    public var range: Range
    public var context: CodeActionContext?
  }

  public struct TextDocumentPositionParams: Codable, Sendable {
    public var textDocument: TextDocumentIdentifier
    public var position: Position
  }

  /// A JSON-RPC error's code and message.
  public struct ResponseError: Error, Codable, Sendable {
    public var code: Int
    public var message: String

    public static let parseError = -32700
    public static let invalidRequest = -32600
    public static let methodNotFound = -32601
    public static let invalidParams = -32602
    public static let serverNotInitialized = -32002
  }
}
