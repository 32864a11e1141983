import Foundation
import LecternCore
import LecternDeck
import LecternSlides

/// The first deck a process renders pays for work that does not depend on the deck: the built-in themes
/// are read, the page template is parsed, cmark-gfm's extensions are registered, and the Swift runtime fills
/// its type caches (a first dynamic cast scans every protocol conformance of the static binary). For a
/// one-slide build that is about a third of the run.
///
/// `start()` does that work on another core, by rendering a small built-in deck, while the main thread is
/// still parsing the command line; the real build then finds it done. The warm-up writes nothing and keeps
/// nothing of its page: only process-wide caches that give the same answer whoever fills them (the
/// built-in themes, parsed templates, registered extensions, the runtime's metadata).
///
/// When the command line names one Markdown file, the warm-up first reads and parses that deck (on every
/// core the argument parser leaves free): the build takes it (``deck(at:)``) instead of reading the file again.
/// A deck is a function of its file's bytes and path alone; flags such as `--title` apply after, as before.
public enum BuildWarmUp {
  private static let state = Locked(State.idle)
  private static let done = DispatchSemaphore(value: 0)
  /// The deck read early, when the command line names one.
  private static let early = Locked<EarlyDeck?>(nil)

  private enum State { case idle, running, finished }

  /// A deck with the blocks most decks have: front matter, a heading, text with a link, a list and a table.
  static let sample = """
    ---
    marp: true
    paginate: true
    ---

    # Warm-up

    Text with *emphasis*, `code` and a [link](https://example.com).

    - one
    - two

    | Metric | Value |
    |:--|--:|
    | a | 1 |

    <!-- a note -->
    """

  /// Starts the warm-up once per process; later calls do nothing. The process waits for it before exiting,
  /// so it is never cut off inside a library.
  public static func start(arguments: [String] = []) {
    let isFirst = state.withLock { current -> Bool in
      guard case .idle = current else { return false }
      current = .running
      return true
    }
    guard isFirst else { return }
    let deck = deckPath(in: arguments).map(EarlyDeck.init(path:))
    early.withLock { $0 = deck }
    let thread = Thread {
      // A long deck first (its parse is most of the build), then the themes the builder needs and the sample
      // page while the build renders the slides: the page template's parse and the template engine's first
      // casts (about 12M instructions) then no longer run alone after the slides; a short deck after the
      // themes and the sample page, which are then ready when the build reaches its own page.
      if let deck, let size = fileSize(deck.path), size >= longDeckBytes {
        deck.read()
        _ = ThemeSet()
        _ = render()
      } else {
        _ = ThemeSet()
        _ = render()
        _ = deck?.read()
      }
      state.withLock { $0 = .finished }
      done.signal()
    }
    thread.stackSize = 8 << 20
    thread.start()
    atexit { BuildWarmUp.wait() }
  }

  /// From this size a deck is read before the themes and the sample page (it is parsed in parts on every
  /// core, see `CMarkParser.partsFrom`).
  static let longDeckBytes = 64 << 10

  private static func fileSize(_ path: String) -> Int? {
    var info = stat()
    return stat(path, &info) == 0 ? Int(info.st_size) : nil
  }

  /// The one Markdown file the arguments after `build` name: an argument ending in `.md` or `.markdown`
  /// that is a regular file (an option's value such as `-o out.md` is one too: then there are two, and no
  /// deck is read early). `nil` when there is none or more than one.
  static func deckPath(in arguments: [String]) -> String? {
    // Nothing is built with help, and a server or a watch reads the deck itself, again and again.
    let readsItself: Set<String> = ["-h", "--help", "-s", "--serve", "-w", "--watch"]
    guard !arguments.contains(where: readsItself.contains) else { return nil }
    let named = Set(
      arguments.filter { argument in
        guard !argument.hasPrefix("-"), argument.hasSuffix(".md") || argument.hasSuffix(".markdown") else { return false }
        var info = stat()
        return stat(argument, &info) == 0 && info.st_mode & S_IFMT == S_IFREG
      })
    return named.count == 1 ? named.first : nil
  }

  /// The deck the warm-up read from `path` (the same spelling as on the command line), waiting for it; once
  /// per process. `nil` when no deck was read from that path, or when reading it failed (the build then reads
  /// the file itself and reports why).
  public static func deck(at path: String) -> Deck? {
    early.snapshot?.take(path: path)
  }

  /// Waits until a started warm-up has finished (at once when none was started).
  public static func wait() {
    guard case .running = state.snapshot else { return }
    done.wait()
    done.signal()
  }

  /// Renders the sample deck as a build would (no browser, no files); the page, for tests.
  static func render() -> BuiltDeck {
    let deck = Deck(source: SourceFile(path: "warm-up.md", text: sample))
    return DeckHTMLRenderer.render(deck, options: DeckBuildOptions())
  }
}

/// A deck read on the warm-up thread for the build to take: read once (``read()``), taken once
/// (``take(path:)``), by whichever thread asks first; a take waits for the read.
final class EarlyDeck: Sendable {
  /// The path as written on the command line.
  let path: String
  private let state = Locked<(deck: Deck?, taken: Bool)>((nil, false))
  private let ready = DispatchSemaphore(value: 0)

  init(path: String) { self.path = path }

  /// Reads and parses the deck at ``path`` (`nil` when the file cannot be read: the build reads it again and
  /// says why); the number of slides read. Call once.
  @discardableResult func read() -> Int {
    let deck = try? Deck(source: SourceFile.load(path: path))
    state.withLock { $0.deck = deck }
    ready.signal()
    return deck?.slides.count ?? 0
  }

  /// The deck read from `path`, waiting for ``read()``; `nil` for another path or when it was taken before.
  func take(path: String) -> Deck? {
    let isFirst = state.withLock { current -> Bool in
      guard path == self.path, !current.taken else { return false }
      current.taken = true
      return true
    }
    guard isFirst else { return nil }
    ready.wait()
    return state.withLock { current in
      defer { current.deck = nil }
      return current.deck
    }
  }
}
