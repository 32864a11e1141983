import LecternCore
import LecternMarkdown

/// A small TeX-to-MathML translator for slide math (`$…$`, `$$…$$`): letters, numbers, operators,
/// `^`/`_`, `\frac`, `\sqrt`, `\text`, fonts, Greek letters and common symbols, `\left…\right`, big
/// operators with limits. Browsers render MathML natively, so the page stays self-contained and offline.
/// Commands it does not know are shown as their TeX source, never dropped.
public enum TeXMath {
  public static func mathML(_ tex: String, display: Bool) -> String {
    var parser = Parser(Array(tex))
    let body = parser.parseSequence(until: nil)
    let annotation = "<annotation encoding=\"application/x-tex\">\(HTMLEscaping.escape(tex))</annotation>"
    return "<math xmlns=\"http://www.w3.org/1998/Math/MathML\"\(display ? " display=\"block\"" : "")>"
      + "<semantics><mrow>\(body)</mrow>\(annotation)</semantics></math>"
  }

  /// A piece of text split on math: plain text, a `$…$` formula, or a `$$…$$` formula inside a line (display).
  public typealias Span = (isMath: Bool, text: String, display: Bool)

  /// Splits text on `$…$` spans by pandoc's rule: no space after the opening `$`, none before the
  /// closing one, and the closing `$` not followed by a digit (so "$5 and $10" stays text). `\$` is a dollar,
  /// also inside a formula. `$$…$$` within a line is a display formula, as in Marp and GitHub.
  public static func inlineSpans(in text: String) -> [Span]? {
    guard text.containsByte(UInt8(ascii: "$")) else { return nil }
    let chars = Array(text)
    var parts: [Span] = []
    var plain = ""
    var i = 0
    func flush() {
      if !plain.isEmpty { parts.append((false, plain, false)) }
      plain = ""
    }
    while i < chars.count {
      let c = chars[i]
      if c == "\\", i + 1 < chars.count, chars[i + 1] == "$" {
        plain.append("$")
        i += 2
        continue
      }
      if c == "$", let close = displayClose(chars, from: i) {
        flush()
        parts.append((true, String(chars[(i + 2)..<close]).trimmed, true))
        i = close + 2
        continue
      }
      if c == "$", let close = inlineClose(chars, from: i) {
        flush()
        parts.append((true, String(chars[(i + 1)..<close]), false))
        i = close + 1
        continue
      }
      plain.append(c)
      i += 1
    }
    flush()
    return parts.contains(where: \.isMath) ? parts : nil
  }

  /// The index of the `$` closing a `$…$` opened at `open`, by pandoc's rule.
  private static func inlineClose(_ chars: [Character], from open: Int) -> Int? {
    guard open + 1 < chars.count, chars[open + 1] != "$", !chars[open + 1].isWhitespace else { return nil }
    var j = open + 1
    while j < chars.count {
      if chars[j] == "\\" {
        j += 2
        continue
      }
      if chars[j] == "$" {
        let beforeOK = !chars[j - 1].isWhitespace
        let afterOK = j + 1 >= chars.count || !chars[j + 1].isNumber
        return beforeOK && afterOK ? j : nil
      }
      j += 1
    }
    return nil
  }

  /// The index of the first `$` of the `$$` closing a `$$…$$` opened at `open` (not empty, on any line).
  private static func displayClose(_ chars: [Character], from open: Int) -> Int? {
    guard open + 2 < chars.count, chars[open + 1] == "$", chars[open + 2] != "$" else { return nil }
    var j = open + 2
    while j + 1 < chars.count {
      if chars[j] == "\\" {
        j += 2
        continue
      }
      if chars[j] == "$" {
        guard chars[j + 1] == "$" else { return nil }
        return String(chars[(open + 2)..<j]).trimmed.isEmpty ? nil : j
      }
      j += 1
    }
    return nil
  }

  private struct Parser {
    let s: [Character]
    var i = 0
    init(_ s: [Character]) { self.s = s }

    mutating func skipSpace() { while i < s.count, s[i].isWhitespace { i += 1 } }

    mutating func parseSequence(until terminator: Character?) -> String {
      var out = ""
      while true {
        skipSpace()
        guard i < s.count else { return out }
        if let terminator, s[i] == terminator { return out }
        if s[i] == "}" { i += 1; continue }  // stray close brace
        if s[i] == "&" || (s[i] == "\\" && i + 1 < s.count && s[i + 1] == "\\") {
          // Alignment and row breaks (from environments this subset does not lay out): a gap.
          i += s[i] == "&" ? 1 : 2
          out += "<mspace width=\"1em\"/>"
          continue
        }
        out += parseScripted()
      }
    }

    mutating func parseScripted() -> String {
      let (base, isBigOperator) = parseAtom()
      var sub: String?
      var sup: String?
      while true {
        skipSpace()
        guard i < s.count else { break }
        if s[i] == "_" && sub == nil {
          i += 1
          sub = parseArgument()
        } else if s[i] == "^" && sup == nil {
          i += 1
          sup = parseArgument()
        } else if s[i] == "'" {
          i += 1
          sup = (sup ?? "") + "<mo>′</mo>"
        } else {
          break
        }
      }
      let under = isBigOperator ? "munder" : "msub"
      let over = isBigOperator ? "mover" : "msup"
      let both = isBigOperator ? "munderover" : "msubsup"
      switch (sub, sup) {
      case (let b?, let p?): return "<\(both)>\(base)<mrow>\(b)</mrow><mrow>\(p)</mrow></\(both)>"
      case (let b?, nil): return "<\(under)>\(base)<mrow>\(b)</mrow></\(under)>"
      case (nil, let p?): return "<\(over)>\(base)<mrow>\(p)</mrow></\(over)>"
      default: return base
      }
    }

    /// A group `{…}` or a single atom.
    mutating func parseArgument() -> String {
      skipSpace()
      guard i < s.count else { return "" }
      if s[i] == "{" {
        i += 1
        let inner = parseSequence(until: "}")
        if i < s.count { i += 1 }
        return inner
      }
      return parseAtom().0
    }

    mutating func rawGroup() -> String {
      skipSpace()
      guard i < s.count, s[i] == "{" else {
        if i < s.count { i += 1; return String(s[i - 1]) }
        return ""
      }
      i += 1
      var depth = 1
      var text = ""
      while i < s.count {
        if s[i] == "{" { depth += 1 }
        if s[i] == "}" { depth -= 1; if depth == 0 { i += 1; break } }
        text.append(s[i])
        i += 1
      }
      return text
    }

    mutating func parseAtom() -> (String, Bool) {
      let c = s[i]
      if c == "{" {
        i += 1
        let inner = parseSequence(until: "}")
        if i < s.count { i += 1 }
        return ("<mrow>\(inner)</mrow>", false)
      }
      if c == "\\" { return parseCommand() }
      i += 1
      if c.isNumber || c == "." {
        var number = String(c)
        while i < s.count, s[i].isNumber || (s[i] == "." && i + 1 < s.count && s[i + 1].isNumber) {
          number.append(s[i])
          i += 1
        }
        return ("<mn>\(number)</mn>", false)
      }
      if c.isLetter { return ("<mi>\(esc(c))</mi>", false) }
      return ("<mo>\(esc(c))</mo>", false)
    }

    mutating func parseCommand() -> (String, Bool) {
      i += 1
      guard i < s.count else { return ("<mo>\\</mo>", false) }
      var name = ""
      if s[i].isLetter {
        while i < s.count, s[i].isLetter { name.append(s[i]); i += 1 }
      } else {
        name = String(s[i])
        i += 1
        switch name {
        case ",": return ("<mspace width=\"0.17em\"/>", false)
        case ";": return ("<mspace width=\"0.28em\"/>", false)
        case "!": return ("", false)
        case " ": return ("<mspace width=\"0.25em\"/>", false)
        case "{", "}", "%", "$", "#", "&", "_": return ("<mo>\(esc(Character(name)))</mo>", false)
        default: return ("<mo>\(esc(Character(name)))</mo>", false)
        }
      }
      if let letter = TeXMath.greek[name] { return ("<mi>\(letter)</mi>", false) }
      if let symbol = TeXMath.symbols[name] { return ("<mo>\(symbol)</mo>", false) }
      if let big = TeXMath.bigOperators[name] { return ("<mo>\(big)</mo>", true) }
      if TeXMath.functions.contains(name) { return ("<mi>\(name)</mi><mo>\u{2061}</mo>", false) }
      return (parseNamedCommand(name), false)
    }

    /// A command by name (`frac`, `sqrt`, `text`, accents, delimiters…) after its backslash and name.
    mutating func parseNamedCommand(_ name: String) -> String {
      switch name {
      case "frac", "dfrac", "tfrac":
        let a = parseArgument()
        let b = parseArgument()
        return "<mfrac><mrow>\(a)</mrow><mrow>\(b)</mrow></mfrac>"
      case "binom":
        let a = parseArgument()
        let b = parseArgument()
        return "<mrow><mo>(</mo><mfrac linethickness=\"0\"><mrow>\(a)</mrow><mrow>\(b)</mrow></mfrac><mo>)</mo></mrow>"
      case "sqrt":
        skipSpace()
        if i < s.count, s[i] == "[" {
          i += 1
          let index = parseSequence(until: "]")
          if i < s.count { i += 1 }
          let radicand = parseArgument()
          return "<mroot><mrow>\(radicand)</mrow><mrow>\(index)</mrow></mroot>"
        }
        return "<msqrt>\(parseArgument())</msqrt>"
      case "text", "textrm", "mbox", "textit", "textbf", "operatorname":
        let text = rawGroup()
        if name == "operatorname" { return "<mi>\(HTMLEscaping.escape(text))</mi>" }
        let variant = name == "textit" ? " mathvariant=\"italic\"" : name == "textbf" ? " mathvariant=\"bold\"" : ""
        return "<mtext\(variant)>\(HTMLEscaping.escape(text))</mtext>"
      case "mathrm", "mathbf", "mathit", "mathbb", "mathcal", "mathsf", "mathtt", "boldsymbol":
        let variants = [
          "mathrm": "normal", "mathbf": "bold", "mathit": "italic", "mathbb": "double-struck", "mathcal": "script",
          "mathsf": "sans-serif", "mathtt": "monospace", "boldsymbol": "bold-italic",
        ]
        return "<mstyle mathvariant=\"\(variants[name]!)\">\(parseArgument())</mstyle>"
      case "left", "right", "big", "Big", "bigg", "Bigg", "bigl", "bigr", "Bigl", "Bigr":
        skipSpace()
        guard i < s.count else { return "" }
        if s[i] == "." { i += 1; return "" }
        if s[i] == "\\" {
          let (delimiter, _) = parseCommand()
          return delimiter
        }
        i += 1
        return "<mo stretchy=\"true\">\(esc(s[i - 1]))</mo>"
      case "hat", "bar", "vec", "dot", "ddot", "tilde", "overline", "widehat", "widetilde":
        let accents = [
          "hat": "^", "widehat": "^", "bar": "¯", "overline": "¯", "vec": "→", "dot": "˙", "ddot": "¨", "tilde": "~",
          "widetilde": "~",
        ]
        return "<mover accent=\"true\"><mrow>\(parseArgument())</mrow><mo>\(accents[name]!)</mo></mover>"
      case "underline":
        return "<munder><mrow>\(parseArgument())</mrow><mo>_</mo></munder>"
      case "quad": return "<mspace width=\"1em\"/>"
      case "qquad": return "<mspace width=\"2em\"/>"
      case "begin", "end":
        _ = rawGroup()  // environments: contents flow inline, `&` and `\\` become gaps
        return ""
      case "displaystyle", "textstyle", "limits", "nolimits":
        return ""
      default:
        return "<mtext class=\"lectern-math-source\">\\\(HTMLEscaping.escape(name))</mtext>"
      }
    }

    func esc(_ c: Character) -> String {
      switch c {
      case "<": "&lt;"
      case ">": "&gt;"
      case "&": "&amp;"
      case "-": "−"
      case "*": "∗"
      default: String(c)
      }
    }
  }

  static let greek: [String: String] = [
    "alpha": "α", "beta": "β", "gamma": "γ", "delta": "δ", "epsilon": "ϵ", "varepsilon": "ε", "zeta": "ζ", "eta": "η",
    "theta": "θ", "vartheta": "ϑ", "iota": "ι", "kappa": "κ", "lambda": "λ", "mu": "μ", "nu": "ν", "xi": "ξ",
    "pi": "π", "varpi": "ϖ", "rho": "ρ", "sigma": "σ", "tau": "τ", "upsilon": "υ", "phi": "ϕ", "varphi": "φ",
    "chi": "χ", "psi": "ψ", "omega": "ω", "Gamma": "Γ", "Delta": "Δ", "Theta": "Θ", "Lambda": "Λ", "Xi": "Ξ",
    "Pi": "Π", "Sigma": "Σ", "Upsilon": "Υ", "Phi": "Φ", "Psi": "Ψ", "Omega": "Ω", "infty": "∞", "ell": "ℓ",
    "hbar": "ℏ", "partial": "∂", "nabla": "∇", "emptyset": "∅",
  ]

  static let symbols: [String: String] = [
    "times": "×", "cdot": "⋅", "div": "÷", "pm": "±", "mp": "∓", "leq": "≤", "le": "≤", "geq": "≥", "ge": "≥",
    "neq": "≠", "ne": "≠", "approx": "≈", "sim": "∼", "simeq": "≃", "equiv": "≡", "propto": "∝", "ll": "≪",
    "gg": "≫", "to": "→", "rightarrow": "→", "leftarrow": "←", "Rightarrow": "⇒", "Leftarrow": "⇐",
    "leftrightarrow": "↔", "Leftrightarrow": "⇔", "mapsto": "↦", "implies": "⟹", "iff": "⟺", "in": "∈",
    "notin": "∉", "subset": "⊂", "subseteq": "⊆", "supset": "⊃", "supseteq": "⊇", "cup": "∪", "cap": "∩",
    "forall": "∀", "exists": "∃", "neg": "¬", "land": "∧", "lor": "∨", "wedge": "∧", "vee": "∨", "cdots": "⋯",
    "ldots": "…", "dots": "…", "vdots": "⋮", "ddots": "⋱", "circ": "∘", "star": "⋆", "ast": "∗", "oplus": "⊕",
    "otimes": "⊗", "langle": "⟨", "rangle": "⟩", "lceil": "⌈", "rceil": "⌉", "lfloor": "⌊", "rfloor": "⌋",
    "mid": "∣", "parallel": "∥", "perp": "⊥", "angle": "∠", "degree": "°", "prime": "′", "lvert": "|",
    "rvert": "|", "vert": "|", "Vert": "‖", "|": "‖", "setminus": "∖", "colon": ":", "uparrow": "↑",
    "downarrow": "↓", "gets": "←", "lbrace": "{", "rbrace": "}",
  ]

  static let bigOperators: [String: String] = [
    "sum": "∑", "prod": "∏", "coprod": "∐", "int": "∫", "iint": "∬", "oint": "∮", "bigcup": "⋃", "bigcap": "⋂",
    "lim": "lim", "max": "max", "min": "min", "sup": "sup", "inf": "inf", "argmax": "arg max", "argmin": "arg min",
  ]

  static let functions: Set<String> = [
    "sin", "cos", "tan", "cot", "sec", "csc", "log", "ln", "exp", "det", "dim", "ker", "deg", "gcd", "arcsin",
    "arccos", "arctan", "sinh", "cosh", "tanh", "Pr",
  ]
}
