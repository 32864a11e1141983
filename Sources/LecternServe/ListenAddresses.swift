import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// The addresses `serve --host` binds: `localhost` is both loopbacks (127.0.0.1 and ::1), a numeric
/// address is itself, any other name is every address it resolves to.
enum ListenAddresses {
  struct Unresolvable: Error, CustomStringConvertible {
    var host: String
    var reason: String
    var description: String { "cannot resolve host '\(host)': \(reason)" }
  }

  static func resolve(_ host: String) throws -> [String] {
    if host == "localhost" { return ["127.0.0.1", "::1"] }
    if isNumeric(host) { return [host] }
    var hints = addrinfo()
    hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
    var list: UnsafeMutablePointer<addrinfo>?
    let status = getaddrinfo(host, nil, &hints, &list)
    guard status == 0, let first = list else {
      throw Unresolvable(host: host, reason: String(cString: gai_strerror(status)))
    }
    defer { freeaddrinfo(list) }
    var found: [String] = []
    for entry in sequence(first: first, next: { $0.pointee.ai_next }) {
      var name = [CChar](repeating: 0, count: Int(NI_MAXHOST))
      guard
        getnameinfo(entry.pointee.ai_addr, entry.pointee.ai_addrlen, &name, socklen_t(name.count), nil, 0, NI_NUMERICHOST) == 0
      else { continue }
      let address = String(decoding: name.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
      if !found.contains(address) { found.append(address) }
    }
    guard !found.isEmpty else { throw Unresolvable(host: host, reason: "no address") }
    return found
  }

  static func isNumeric(_ host: String) -> Bool {
    var v4 = in_addr()
    var v6 = in6_addr()
    return inet_pton(AF_INET, host, &v4) == 1 || inet_pton(AF_INET6, host, &v6) == 1
  }

  /// The address as it goes in a URL (`[::1]` for IPv6).
  static func urlHost(_ address: String) -> String {
    address.contains(":") ? "[\(address)]" : address
  }
}
