import Foundation

/// What the server shows for one Markdown file: a full HTML page, and problems to overlay on it
/// (file, line, message) until they are fixed.
public struct SitePage: Sendable {
  public var html: String
  public var problems: [String]
  /// A short label for the index ("deck", "postmortem", "document").
  public var kind: String

  public init(html: String, problems: [String], kind: String) {
    self.html = html
    self.problems = problems
    self.kind = kind
  }
}
