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

  /// A port free on every one of `addresses` (numeric), for `--port 0` with several addresses: the system picks
  /// a port for the first, and it is kept only if each other address can bind it too. Without this, the port
  /// picked for 127.0.0.1 may be taken on ::1 (the two families are counted apart) and the second listener
  /// fails with "address already in use". `nil` when twenty tries found none.
  static func commonFreePort(_ addresses: [String]) -> UInt16? {
    for _ in 0..<20 {
      var held: [Int32] = []
      defer { held.forEach { close($0) } }
      guard let (first, port) = boundSocket(addresses[0], port: 0) else { return nil }
      held.append(first)
      var everywhere = true
      for address in addresses.dropFirst() {
        guard let (fd, _) = boundSocket(address, port: port) else {
          everywhere = false
          break
        }
        held.append(fd)
      }
      if everywhere { return port }
    }
    return nil
  }

  /// A socket bound (not listening) to the numeric `address`:`port`, and the port it got; `nil` when the
  /// bind fails. (The probe above, and the tests' listeners.)
  static func boundSocket(_ address: String, port: UInt16) -> (fd: Int32, port: UInt16)? {
    guard var (storage, length) = socketAddress(address, port: port) else { return nil }
    let fd = socket(Int32(storage.ss_family), Int32(SOCK_STREAM.rawValue), 0)
    guard fd >= 0 else { return nil }
    let bound = withUnsafeMutablePointer(to: &storage) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0 }
    }
    guard bound else {
      close(fd)
      return nil
    }
    // The port sits at the same offset in sockaddr_in and sockaddr_in6.
    let got = withUnsafeBytes(of: storage) { UInt16(bigEndian: $0.load(fromByteOffset: 2, as: UInt16.self)) }
    return (fd, got)
  }

  /// `address`:`port` as a socket address of its family (IPv6 when it has a colon).
  private static func socketAddress(_ address: String, port: UInt16) -> (sockaddr_storage, socklen_t)? {
    var storage = sockaddr_storage()
    func store<A>(_ a: A) {
      withUnsafeBytes(of: a) { bytes in withUnsafeMutableBytes(of: &storage) { $0.copyMemory(from: bytes) } }
    }
    if address.contains(":") {
      var a = sockaddr_in6()
      a.sin6_family = sa_family_t(AF_INET6)
      a.sin6_port = port.bigEndian
      guard inet_pton(AF_INET6, address, &a.sin6_addr) == 1 else { return nil }
      store(a)
      return (storage, socklen_t(MemoryLayout<sockaddr_in6>.size))
    }
    var a = sockaddr_in()
    a.sin_family = sa_family_t(AF_INET)
    a.sin_port = port.bigEndian
    guard inet_pton(AF_INET, address, &a.sin_addr) == 1 else { return nil }
    store(a)
    return (storage, socklen_t(MemoryLayout<sockaddr_in>.size))
  }

  /// The address as it goes in a URL (`[::1]` for IPv6).
  static func urlHost(_ address: String) -> String {
    address.contains(":") ? "[\(address)]" : address
  }
}
