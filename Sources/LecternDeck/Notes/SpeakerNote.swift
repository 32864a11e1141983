import LecternCore

/// An HTML comment that is not a directive: a presenter note, in the order written.
public struct SpeakerNote: Sendable, Hashable {
  /// The comment's content without `<!--`/`-->`, trimmed (Marp's rule).
  public var text: String
  public var range: SourceRange?
}

/// A heading marked `<!--fit-->`, which Marp scales to fill the slide width.
public struct FitHeading: Sendable, Hashable {
  public var level: Int
  public var text: String
  public var range: SourceRange?
}
