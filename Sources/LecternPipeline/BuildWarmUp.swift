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
public enum BuildWarmUp {
  private static let state = Locked(State.idle)
  private static let done = DispatchSemaphore(value: 0)

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
  public static func start() {
    let isFirst = state.withLock { current -> Bool in
      guard case .idle = current else { return false }
      current = .running
      return true
    }
    guard isFirst else { return }
    let thread = Thread {
      // In the order the build needs them: the themes when the builder is made, then the page.
      _ = ThemeSet()
      _ = render()
      state.withLock { $0 = .finished }
      done.signal()
    }
    thread.stackSize = 8 << 20
    thread.start()
    atexit { BuildWarmUp.wait() }
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
