import CCmarkGFM
import LecternCore

#if canImport(Glibc)
  import Glibc
#endif

/// cmark-gfm 0.29 (Debian's 0.29.0.gfm.6) keeps the inline special characters of attached extensions (`~` for
/// strikethrough, `:` and `w` for autolinks) in one process-wide table. Each parse's inline phase switches them
/// on when it starts and off when it ends (`cmark_manage_extensions_special_characters`), so a parse that ends
/// while another is in its inline phase breaks the other (github/cmark-gfm#176, open since 2019). Every parser
/// Lectern makes attaches the same extensions, so the characters can simply stay on once switched on.
///
/// The library calls that function through its own PLT, so a definition in the executable takes its place (ELF
/// symbol interposition). This one passes "on" to the library's function (found with `dlsym(RTLD_NEXT)`) and
/// drops "off". Whether it was really called is recorded: until it has been, parses keep taking
/// ``CMarkParser/inlinePhase`` (a platform where the library binds its call directly stays correct, and slower).
enum InlineCharacters {
  /// Set once the library has called the definition below (so every later "off" is dropped).
  static let interposed = Locked(false)

  typealias Manage = @convention(c) (OpaquePointer?, Int32) -> Void

  /// The library's own definition.
  static let library: Manage? = {
    guard let next = UnsafeMutableRawPointer(bitPattern: -1),
      let symbol = dlsym(next, "cmark_manage_extensions_special_characters")
    else { return nil }
    return unsafeBitCast(symbol, to: Manage.self)
  }()

  /// Whether parses may run their inline phases at once.
  static var staysOn: Bool { interposed.snapshot }
}

/// Takes the place of cmark-gfm's `cmark_manage_extensions_special_characters` (see ``InlineCharacters``).
@_cdecl("cmark_manage_extensions_special_characters")
public func lecternManageExtensionsSpecialCharacters(_ parser: OpaquePointer?, _ add: Int32) {
  guard let library = InlineCharacters.library else { return }
  guard add != 0 else {
    // Only dropped once "on" has gone through here: the characters are then on for good.
    if !InlineCharacters.staysOn { library(parser, add) }
    return
  }
  library(parser, add)
  InlineCharacters.interposed.withLock { $0 = true }
}
