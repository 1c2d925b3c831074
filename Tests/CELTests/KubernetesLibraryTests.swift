import Testing

@testable import CEL

/// The Kubernetes libraries (regex, IP addresses and CIDR blocks, URLs, resource quantities),
/// through the whole pipeline: each row is an expression and the value or error it must give.
/// The IP/CIDR conformance file (`network_ext`) runs with the conformance suite; the rows here
/// cover what it does not.
struct KubernetesLibraryTests {
    enum Expected: Sendable {
        /// The result must be this value, of the same type (CEL equality otherwise).
        case value(Value)
        /// The result must be an error (at compile or evaluation time) whose message contains this.
        case error(String)
    }

    struct Case: Sendable, CustomTestStringConvertible {
        var source: String
        var expected: Expected

        init(_ source: String, _ value: Value) {
            self.source = source
            expected = .value(value)
        }

        init(_ source: String, error: String) {
            self.source = source
            expected = .error(error)
        }

        var testDescription: String { source }
    }

    static let libraries = Library.standardLibraries + Library.extensionLibraries + Library.kubernetesLibraries

    static func evaluate(_ source: String) -> Value {
        do {
            return try Environment(libraries: libraries).compile(source).evaluate([:])
        } catch {
            return .error("\(error)")
        }
    }

    static func strings(_ values: String...) -> Value { .list(values.map { .string($0) }) }

    static func check(_ test: Case) {
        let result = evaluate(test.source)
        switch test.expected {
        case .value(let expected):
            #expect(result.celType.runtimeName == expected.celType.runtimeName, "\(result)")
            #expect(result.celEquals(expected), "\(result)")
        case .error(let message):
            guard case .error(let error) = result else {
                Issue.record("expected an error containing \"\(message)\", got \(result)")
                return
            }
            #expect(message.isEmpty || error.message.contains(message), "\(error.message)")
        }
    }

    @Test(arguments: regexCases) func regex(_ test: Case) { Self.check(test) }
    @Test(arguments: networkCases) func network(_ test: Case) { Self.check(test) }
    @Test(arguments: urlCases) func urls(_ test: Case) { Self.check(test) }
    @Test(arguments: quantityCases) func quantity(_ test: Case) { Self.check(test) }

    static let regexCases: [Case] = [
        .init("'abc 123'.find('[0-9]+')", .string("123")),
        .init("'abc 123'.find('[0-9]*')", .string("")),
        .init("'abc 123'.find('xyz')", .string("")),
        .init("'123 abc 456'.findAll('[0-9]+')", strings("123", "456")),
        .init("'123 abc 456'.findAll('[0-9]+', 1)", strings("123")),
        .init("'123 abc 456'.findAll('[0-9]+', 0)", strings()),
        .init("'123 abc 456'.findAll('[0-9]+', -1)", strings("123", "456")),
        .init("'123 abc 456'.findAll('[0-9]+', 5)", strings("123", "456")),
        .init("'123 abc 456'.findAll('xyz')", strings()),
        .init("'123 abc 456'.findAll('[0-9]*')", strings("123", "", "", "", "", "456")),
        .init("'héllo wörld'.findAll('[^ ]+')", strings("héllo", "wörld")),
        .init("'héllo'.find('é.')", .string("él")),
        .init("'x'.find('(')", error: "invalid regular expression"),
        .init("'x'.findAll('(', 2)", error: ""),
        .init("'x'.findAll('[', 0)", error: ""),
        .init("'aaa'.findAll('')", strings("", "", "", "")),
    ]

    static let networkCases: [Case] = [
        .init("ip('01.2.3.4')", error: ""),
        .init("ip('1.2.3.256')", error: ""),
        .init("ip('1.2.3')", error: ""),
        .init("ip('1.2.3.4.')", error: ""),
        .init("ip('')", error: ""),
        .init("ip('abc')", error: ""),
        .init("string(ip('0.0.0.0'))", .string("0.0.0.0")),
        .init("string(ip('::1.2.3.4'))", .string("::102:304")),
        .init("string(ip('1:2:3:4:5:6:7:8'))", .string("1:2:3:4:5:6:7:8")),
        .init("string(ip('1:0:0:4:0:0:0:8'))", .string("1:0:0:4::8")),
        .init("string(ip('1:0:0:0:5:0:0:8'))", .string("1::5:0:0:8")),
        .init("string(ip('1:0:0:4:5:0:0:8'))", .string("1::4:5:0:0:8")),
        .init("string(ip('2001:db8:0:1:1:1:1:1'))", .string("2001:db8:0:1:1:1:1:1")),
        .init("string(ip('2001:0DB8:0000:0000:0000:0000:0000:0001'))", .string("2001:db8::1")),
        .init("string(ip('::ffff'))", .string("::ffff")),
        .init("string(ip('1::'))", .string("1::")),
        .init("string(ip('::'))", .string("::")),
        .init("string(ip('0:0:0:0:0:0:0:0'))", .string("::")),
        .init("string(ip('1:2:3:4:5:6:1.2.3.4'))", .string("1:2:3:4:5:6:102:304")),
        .init("string(ip('1::1.2.3.4'))", .string("1::102:304")),
        .init("ip('1:2:3:4:5:6:7:1.2.3.4')", error: ""),
        .init("ip('1:2:3:4:5:1.2.3.4')", error: ""),
        .init("ip('::1.2.3')", error: ""),
        .init("ip('::01.2.3.4')", error: ""),
        .init("string(ip('1:2:3:4:5:6:7::'))", .string("1:2:3:4:5:6:7:0")),
        .init("ip('::1:2:3:4:5:6:7:8')", error: ""),
        .init("ip('1:2:3:4:5:6:7:8:9')", error: "parse error during conversion from string"),
        .init("ip('1:2:3:4:5:6:7')", error: ""),
        .init("ip('12345::')", error: ""),
        .init("ip('1::2::3')", error: ""),
        .init("ip(':1')", error: ""),
        .init("ip('1:')", error: ""),
        .init("ip(':::')", error: ""),
        .init("ip('fe80::1%')", error: "parse error"),
        .init("ip('1.2.3.4%eth0')", error: ""),
        .init("ip('%eth0')", error: ""),
        .init("ip('g::1')", error: ""),
        .init("ip('::ffff:0:0').family()", .int(4)),
        .init("string(ip('::ffff:0:0'))", .string("0.0.0.0")),
        .init("ip('::fffe:c0a8:1').family()", .int(6)),
        .init("isIP('::ffff:192.168.0.1')", .bool(false)),
        .init("isIP('::ffff:c0a8:1')", .bool(true)),
        .init("ip('fe80::1').isGlobalUnicast()", .bool(false)),
        .init("ip('10.0.0.1').isGlobalUnicast()", .bool(true)),
        .init("ip('0.0.0.0').isGlobalUnicast()", .bool(false)),
        .init("ip('224.0.0.1').isGlobalUnicast()", .bool(false)),
        .init("ip('127.255.0.1').isGlobalUnicast()", .bool(false)),
        .init("ip('::1').isGlobalUnicast()", .bool(false)),
        .init("ip('::').isGlobalUnicast()", .bool(false)),
        .init("ip('ff12::1').isLinkLocalMulticast()", .bool(true)),
        .init("ip('ff05::1').isLinkLocalMulticast()", .bool(false)),
        .init("ip('febf::1').isLinkLocalUnicast()", .bool(true)),
        .init("ip('fec0::1').isLinkLocalUnicast()", .bool(false)),
        .init("ip('127.1.2.3').isLoopback()", .bool(true)),
        .init("ip('::2').isLoopback()", .bool(false)),
        .init("ip('::ffff:7f00:1').isLoopback()", .bool(true)),
        .init("ip.isCanonical('2001:db8:0:0:0:0:0:1')", .bool(false)),
        .init("ip.isCanonical('2001:db8::1')", .bool(true)),
        .init("ip.isCanonical('::ffff:c0a8:1')", .bool(false)),
        .init("ip.isCanonical('2001:db8::0:1')", .bool(false)),
        .init("ip.isCanonical('1.2.3')", error: ""),
        .init("isCIDR('10.0.0.0/8')", .bool(true)),
        .init("isCIDR('10.0.0.0/32')", .bool(true)),
        .init("isCIDR('10.0.0.0/33')", .bool(false)),
        .init("isCIDR('10.0.0.0/08')", .bool(false)),
        .init("isCIDR('10.0.0.0/+8')", .bool(false)),
        .init("isCIDR('10.0.0.0/-1')", .bool(false)),
        .init("isCIDR('10.0.0.0/')", .bool(false)),
        .init("isCIDR('10.0.0.0')", .bool(false)),
        .init("isCIDR('10.0.0.0/8/8')", .bool(false)),
        .init("isCIDR('::/0')", .bool(true)),
        .init("isCIDR('::/128')", .bool(true)),
        .init("isCIDR('::/129')", .bool(false)),
        .init("isCIDR('::ffff:192.168.0.0/120')", .bool(false)),
        .init("string(cidr('::ffff:c0a8:0/120'))", .string("192.168.0.0/24")),
        .init("cidr('::ffff:c0a8:0/64')", error: "IPv4-mapped IPv6 address"),
        .init("string(cidr('192.168.0.1/24'))", .string("192.168.0.1/24")),
        .init("string(cidr('2001:DB8::1/64'))", .string("2001:db8::1/64")),
        .init("string(cidr('2001:DB8::1/64').masked())", .string("2001:db8::/64")),
        .init("string(cidr('2001:db8:ffff:ffff::/33').masked())", .string("2001:db8:8000::/33")),
        .init("string(cidr('2001:db8::ffff:ffff:ffff:ffff/65').masked())", .string("2001:db8:0:0:8000::/65")),
        .init("string(cidr('255.255.255.255/0').masked())", .string("0.0.0.0/0")),
        .init("string(cidr('255.255.255.255/31').masked())", .string("255.255.255.254/31")),
        .init("cidr('10.0.0.1/8') == cidr('10.0.0.0/8')", .bool(false)),
        .init("cidr('0.0.0.0/0').containsIP('255.255.255.255')", .bool(true)),
        .init("cidr('::/0').containsIP('255.255.255.255')", .bool(false)),
        .init("cidr('::/0').containsIP('::ffff:c0a8:1')", .bool(false)),
        .init("cidr('192.168.0.0/16').containsIP('::ffff:c0a8:1')", .bool(true)),
        .init("cidr('10.0.0.0/8').containsIP('1.2.3')", error: ""),
        .init("cidr('10.0.0.0/8').containsCIDR('1.2.3/8')", error: ""),
        .init("cidr('10.0.0.0/8').containsCIDR('10.1.0.0/16')", .bool(true)),
        .init("cidr('10.0.0.0/8').containsCIDR('11.1.0.0/16')", .bool(false)),
        .init("cidr('10.0.0.0/8').containsCIDR('::/0')", .bool(false)),
        .init("cidr('2001:db8::/32').containsCIDR('2001:db8:1::/48')", .bool(true)),
        .init("cidr('2001:db8::/32').containsCIDR('2001:db9::/48')", .bool(false)),
        .init("cidr('192.168.1.5/24').ip() == ip('192.168.1.5')", .bool(true)),
        .init("cidr('fe80::1/64').prefixLength()", .int(64)),
        .init("cidr('1.2.3.4')", error: ""),
        .init("cidr('1.2.3.4/x')", error: ""),
        .init("cidr('/8')", error: ""),
        .init("ip('1.2.3.4') == cidr('1.2.3.4/32')", .bool(false)),
    ]

    static let urlCases: [Case] = [
        .init("url('https://user:pass@example.com:80/path?query=val#fragment').getHost()", .string("example.com:80")),
        .init("url('https://user:pass@example.com:80/path?query=val#fragment').getEscapedPath()", .string("/path")),
        .init(
            "url('https://user:pass@example.com:80/path?query=val#fragment').getQuery() == {'query':"
                + " ['val']}", .bool(true)),
        .init("isURL('https://user:pass@example.com:80/path?query=val#fragment')", .bool(true)),
        .init("url('https://example.com/').getScheme()", .string("https")),
        .init("url('/absolute-path').getScheme()", .string("")),
        .init("isURL('/absolute-path')", .bool(true)),
        .init("url('https://a:b:c/')", error: "URL parse error during conversion from string"),
        .init("isURL('https://a:b:c/')", .bool(false)),
        .init("url('../relative-path')", error: ""),
        .init("isURL('../relative-path')", .bool(false)),
        .init("isURL('relative')", .bool(false)),
        .init("url('https://example.com:80/').getHost()", .string("example.com:80")),
        .init("url('https://example.com/').getHost()", .string("example.com")),
        .init("url('https://[::1]:80/').getHost()", .string("[::1]:80")),
        .init("url('https://[::1]/').getHost()", .string("[::1]")),
        .init("url('/path').getHost()", .string("")),
        .init("url('https://example.com:80/').getHostname()", .string("example.com")),
        .init("url('https://127.0.0.1:80/').getHostname()", .string("127.0.0.1")),
        .init("url('https://[::1]:80/').getHostname()", .string("::1")),
        .init("url('/path').getHostname()", .string("")),
        .init("url('https://example.com:80/').getPort()", .string("80")),
        .init("url('https://example.com/').getPort()", .string("")),
        .init("url('https://example.com:/').getPort()", .string("")),
        .init("url('https://example.com:/').getHostname()", .string("example.com")),
        .init("url('/path').getPort()", .string("")),
        .init("url('https://example.com/path').getEscapedPath()", .string("/path")),
        .init("url('https://example.com/path with spaces/').getEscapedPath()", .string("/path%20with%20spaces/")),
        .init("url('https://example.com').getEscapedPath()", .string("")),
        .init(
            "url('https://example.com/path?k1=a&k2=b&k2=c').getQuery() == {'k1': ['a'], 'k2': ['b',"
                + " 'c']}", .bool(true)),
        .init(
            "url('https://example.com/path?key with spaces=value with spaces').getQuery() == {'key with"
                + " spaces': ['value with spaces']}", .bool(true)),
        .init("url('https://example.com/path?').getQuery() == {}", .bool(true)),
        .init("url('https://example.com/path').getQuery() == {}", .bool(true)),
        .init("url('https://example.com/?a=1;b=2').getQuery() == {}", .bool(true)),
        .init("url('https://example.com/?a=%zz&b=1').getQuery() == {'b': ['1']}", .bool(true)),
        .init("url('https://example.com/?a+b=c+d%26').getQuery() == {'a b': ['c d&']}", .bool(true)),
        .init("url('https://example.com/?a&&b=&=c').getQuery() == {'a': [''], 'b': [''], '': ['c']}", .bool(true)),
        .init("url('HTTPS://EXAMPLE.com/').getScheme()", .string("https")),
        .init("url('HTTPS://EXAMPLE.com/').getHost()", .string("EXAMPLE.com")),
        .init("url('https://[1.2.3.4]/')", error: "invalid IP-literal"),
        .init("url('https://[::ffff:1.2.3.4]/').getHostname()", .string("::ffff:1.2.3.4")),
        .init("url('https://[zz]/')", error: ""),
        .init("url('https://a[b]/')", error: ""),
        .init("url('https://[::1/')", error: ""),
        .init("url('https://[::1]x/')", error: ""),
        .init("url('https://[fe80::1%25en0]:8080/').getHostname()", .string("fe80::1%en0")),
        .init("url('https://[fe80::1%25en0]:8080/').getHost()", .string("[fe80::1%en0]:8080")),
        .init("url('https://::1/')", error: ""),
        .init("url('https://host:1:2/')", error: ""),
        .init("url('ftp://a:b:1/').getHost()", .string("a:b:1")),
        .init("url('ftp://a:b:1/').getPort()", .string("1")),
        .init("url('mailto:user@example.com').getScheme()", .string("mailto")),
        .init("url('mailto:user@example.com').getHost()", .string("")),
        .init("url('mailto:user@example.com').getEscapedPath()", .string("")),
        .init("url('https:example.com').getHost()", .string("")),
        .init("url('*').getEscapedPath()", .string("*")),
        .init("url('https://example.com/a%2Fb').getEscapedPath()", .string("/a%2Fb")),
        .init("url('https://example.com/a%41b').getEscapedPath()", .string("/a%41b")),
        .init("url('https://example.com/a b#frag').getEscapedPath()", .string("/a%20b")),
        .init("url('https://example.com/a{b}').getEscapedPath()", .string("/a%7Bb%7D")),
        .init("url('https://example.com/é').getEscapedPath()", .string("/%C3%A9")),
        .init("url('https://example.com/a*b').getEscapedPath()", .string("/a*b")),
        .init("url('https://example.com/%zz')", error: "invalid URL escape"),
        .init("url('https://example.com/%4')", error: ""),
        .init("isURL('https://exa mple.com/')", .bool(false)),
        .init("isURL('https://exa%20mple.com/')", .bool(false)),
        .init("url('https://ex%C3%A9.com/').getHost()", .string("exé.com")),
        .init("url('https://example.com/#%zz')", error: ""),
        .init("isURL('https://example.com/#%zz')", .bool(false)),
        .init("url('')", error: ""),
        .init("isURL('')", .bool(false)),
        .init("isURL(':foo')", .bool(false)),
        .init("url('//example.com/x').getHost()", .string("example.com")),
        .init("url('//example.com/x').getEscapedPath()", .string("/x")),
        .init("url('https://example.com/a') == url('https://example.com/a')", .bool(true)),
        .init("url('https://example.com/a') == url('https://example.com/b')", .bool(false)),
        .init("url('https://example.com/a#x') == url('https://example.com/a#y')", .bool(false)),
        .init("url('https://user@example.com/').getHost()", .string("example.com")),
        .init("url('https://us er@example.com/')", error: ""),
        .init("url('https://u@s@example.com/').getHost()", .string("example.com")),
        .init("url('https://u%zz@example.com/')", error: ""),
        .init("url('https://example.com:8a/')", error: ""),
        .init("url('https://example.com?x=1').getEscapedPath()", .string("")),
        .init("url('https://example.com?x=1').getQuery() == {'x': ['1']}", .bool(true)),
        .init("url('https://example.com/?a=1?b=2').getQuery() == {'a': ['1?b=2']}", .bool(true)),
        .init("isURL('https://')", .bool(true)),
        .init("isURL('1http://x')", .bool(false)),
    ]

    static let quantityCases: [Case] = [
        .init("quantity('12Mi') == quantity('12582912')", .bool(true)),
        .init("quantity('10Mo')", error: "quantities must match the regular expression"),
        .init("quantity('10Mm')", error: "unable to parse quantity's suffix"),
        .init("isQuantity('20')", .bool(true)),
        .init("isQuantity('20M')", .bool(true)),
        .init("isQuantity('20Mi')", .bool(true)),
        .init("isQuantity('20Mo')", .bool(false)),
        .init("isQuantity('10Mm')", .bool(false)),
        .init("quantity('200M') == quantity('200M')", .bool(true)),
        .init("quantity('200M') == quantity('0.2G')", .bool(true)),
        .init("quantity('2M') == quantity('0.002G')", .bool(true)),
        .init("quantity('2000k') == quantity('2M')", .bool(true)),
        .init("quantity('200M') == quantity('0.3G')", .bool(false)),
        .init("quantity('1k') == quantity('1000')", .bool(true)),
        .init("quantity('50M').isLessThan(quantity('50Mi'))", .bool(true)),
        .init("quantity('50M').isLessThan(quantity('100M'))", .bool(true)),
        .init("quantity('100M').isLessThan(quantity('50M'))", .bool(false)),
        .init("quantity('50Mi').isGreaterThan(quantity('50M'))", .bool(true)),
        .init("quantity('150Mi').isGreaterThan(quantity('100Mi'))", .bool(true)),
        .init("quantity('50M').isGreaterThan(quantity('100M'))", .bool(false)),
        .init("quantity('200M').compareTo(quantity('0.2G'))", .int(0)),
        .init("quantity('50M').compareTo(quantity('50Mi'))", .int(-1)),
        .init("quantity('50Mi').compareTo(quantity('50M'))", .int(1)),
        .init("quantity('-1').compareTo(quantity('-2'))", .int(1)),
        .init("quantity('-2').compareTo(quantity('1'))", .int(-1)),
        .init("quantity('-1').compareTo(quantity('0'))", .int(-1)),
        .init("quantity('50k').add(quantity('20')) == quantity('50.02k')", .bool(true)),
        .init("quantity('50k').add(20).isLessThan(quantity('50020'))", .bool(false)),
        .init("quantity('50k').sub(quantity('20')) == quantity('49.98k')", .bool(true)),
        .init("quantity('50k').sub(20) == quantity('49980')", .bool(true)),
        .init("quantity('50k').add(20).sub(quantity('100k')).asInteger()", .int(-49980)),
        .init("quantity('50k').add(20).sub(quantity('100k')).sub(-50000).asInteger()", .int(20)),
        .init("quantity('50k').asInteger()", .int(50000)),
        .init(
            "quantity('9999999999999999999999999999999999999G').asInteger()", error: "cannot convert value to integer"),
        .init("quantity('9999999999999999999999999999999999999G').isInteger()", .bool(false)),
        .init("quantity('50').isInteger()", .bool(true)),
        .init("quantity('50.703k').asApproximateFloat()", .double(50703.0)),
        .init("quantity('1.5G').asInteger()", .int(1500000000)),
        .init("quantity('200k').asInteger()", .int(200000)),
        .init("quantity('200K')", error: ""),
        .init("quantity('Three')", error: ""),
        .init("isQuantity('1.3G')", .bool(true)),
        .init("isQuantity('1.3Gi')", .bool(true)),
        .init("isQuantity('1,3G')", .bool(false)),
        .init("isQuantity('10000k')", .bool(true)),
        .init("quantity('50000000G').isInteger()", .bool(true)),
        .init("quantity('50k').sub(20000).asApproximateFloat()", .double(30000.0)),
        .init("quantity('1000m').asInteger()", .int(1)),
        .init("quantity('1500m').isInteger()", .bool(false)),
        .init("quantity('1500m').asInteger()", error: ""),
        .init("quantity('0.1n') == quantity('1n')", .bool(true)),
        .init("quantity('-0.1n') == quantity('-1n')", .bool(true)),
        .init("quantity('1.0000000001') == quantity('1.000000001')", .bool(true)),
        .init("quantity('0.1m') == quantity('100u')", .bool(true)),
        .init("quantity('1e3') == quantity('1k')", .bool(true)),
        .init("quantity('1E3') == quantity('1k')", .bool(true)),
        .init("quantity('1e-3') == quantity('1m')", .bool(true)),
        .init("quantity('1E+3') == quantity('1k')", .bool(true)),
        .init("quantity('1.5e2').asInteger()", .int(150)),
        .init("quantity('8Ei') == quantity('9223372036854775807')", .bool(true)),
        .init("quantity('7Ei').asInteger()", .int(8070450532247928832)),
        .init("quantity('-8Ei').asInteger()", .int(-9223372036854775807)),
        .init("quantity('100Ei').asInteger()", .int(9223372036854775807)),
        .init("quantity('1Ki').asInteger()", .int(1024)),
        .init("quantity('1.5Gi').asInteger()", .int(1610612736)),
        .init("quantity('0.5Ki').asInteger()", .int(512)),
        .init("quantity('0.001Ki') == quantity('1.024')", .bool(true)),
        .init("quantity('.5') == quantity('500m')", .bool(true)),
        .init("quantity('1.') == quantity('1')", .bool(true)),
        .init("quantity('+1') == quantity('1')", .bool(true)),
        .init("quantity('-0').sign()", .int(0)),
        .init("quantity('-').sign()", .int(0)),
        .init("quantity('+') == quantity('0')", .bool(true)),
        .init("quantity('')", error: ""),
        .init("quantity('.') == quantity('0')", .bool(true)),
        .init("quantity('e-10')", error: "unable to parse numeric part of quantity"),
        .init("quantity('e-9').sign()", .int(0)),
        .init("quantity('Pi')", error: ""),
        .init("quantity('Ei')", error: ""),
        .init("quantity('Mi').sign()", .int(0)),
        .init("quantity('Ti').sign()", .int(0)),
        .init("quantity('0Pi').sign()", .int(0)),
        .init("quantity('1e')", error: ""),
        .init("quantity('1ee3')", error: ""),
        .init("quantity('1e3.5')", error: ""),
        .init("quantity('1.2.3')", error: ""),
        .init("quantity('1e99999999999999999999')", error: ""),
        .init("quantity('1e4294967299') == quantity('1k')", .bool(true)),
        .init("quantity('1e10001')", error: "quantity exponent is too large"),
        .init("quantity('0e10001').sign()", .int(0)),
        .init("quantity('1e-1000000') == quantity('1n')", .bool(true)),
        .init("quantity('1e-2147483648') == quantity('1n')", .bool(true)),
        .init("quantity('1 ')", error: ""),
        .init("quantity(' 1')", error: ""),
        .init("quantity('--1')", error: ""),
        .init("quantity('1-')", error: ""),
        .init("quantity('1k3')", error: ""),
        .init("quantity('9223372036854775807').asInteger()", .int(9223372036854775807)),
        .init("quantity('9223372036854775808').isInteger()", .bool(false)),
        .init("quantity('-9223372036854775808').asInteger()", .int(-9223372036854775808)),
        .init("quantity('-9223372036854775809').isInteger()", .bool(false)),
        .init("quantity('18446744073709551616000').isInteger()", .bool(false)),
        .init("quantity('-5').sign()", .int(-1)),
        .init("quantity('5m').sign()", .int(1)),
        .init("sign(quantity('0'))", .int(0)),
        .init("sign(quantity('-3Ki'))", .int(-1)),
        .init("quantity('1.5').asApproximateFloat()", .double(1.5)),
        .init("quantity('-1.5').asApproximateFloat()", .double(-1.5)),
        .init("quantity('1n').asApproximateFloat()", .double(1e-09)),
        .init("quantity('1e400').asApproximateFloat()", .double(.infinity)),
        .init("quantity('-1e400').asApproximateFloat()", .double(-.infinity)),
        .init("quantity('1').add(-1).sign()", .int(0)),
        .init("quantity('1').sub(quantity('1')) == quantity('0')", .bool(true)),
        .init("quantity('-1').add(quantity('3')).asInteger()", .int(2)),
        .init("quantity('1').add(quantity('-3')).asInteger()", .int(-2)),
        .init("quantity('999999999.999999999').add(quantity('1n')).asInteger()", .int(1000000000)),
        .init("quantity('1000000000').sub(quantity('1n')) == quantity('999999999.999999999')", .bool(true)),
        .init("quantity('9223372036854775807').add(1).isInteger()", .bool(false)),
        .init("quantity('-9223372036854775807').sub(1).asInteger()", .int(-9223372036854775808)),
        .init("quantity('1').add(9223372036854775807).isInteger()", .bool(false)),
        .init("string(quantity('1'))", error: ""),
        .init("quantity('1') == quantity('1').add(0)", .bool(true)),
        .init("quantity('00012') == quantity('12')", .bool(true)),
        .init("quantity('0.000') == quantity('0')", .bool(true)),
        .init("quantity('-0.000').sign()", .int(0)),
    ]

    // MARK: Beyond single expressions

    @Test func valuesHaveTheKubernetesTypeNames() {
        let values: [(Value, String)] = [
            (Library.network.invoke("ip", [.string("10.0.0.1")]), "net.IP"),
            (Library.network.invoke("cidr", [.string("10.0.0.0/8")]), "net.CIDR"),
            (Library.urls.invoke("url", [.string("https://example.com/")]), "kubernetes.URL"),
            (Library.quantity.invoke("quantity", [.string("1Gi")]), "kubernetes.Quantity"),
        ]
        for (value, name) in values {
            #expect(value.celType == .opaque(name))
            #expect(value.celType.runtimeName == name)
        }
    }

    @Test func queryKeysKeepTheirOrder() throws {
        let url = Library.urls.invoke("url", [.string("https://example.com/?b=1&a=2&b=3&c")])
        guard case .map(let query) = Library.urls.invoke("getQuery", member: true, [url]) else {
            Issue.record("getQuery did not return a map")
            return
        }
        #expect(query.keys == [.string("b"), .string("a"), .string("c")])
        #expect(query[.string("b")]?.celEquals(Self.strings("1", "3")) == true)
        #expect(query[.string("c")]?.celEquals(Self.strings("")) == true)
    }

    @Test func quantitiesAreHeldExactly() {
        let huge = Library.quantity.invoke("quantity", [.string("123456789012345678901234567890.123456789")])
        let plusOne = Library.quantity.invoke("add", member: true, [huge, .int(1)])
        let expected = Library.quantity.invoke("quantity", [.string("123456789012345678901234567891.123456789")])
        #expect(plusOne.celEquals(expected))
        #expect(!plusOne.celEquals(huge))
        guard case .opaque(let opaque) = huge else {
            Issue.record("quantity() did not return a quantity")
            return
        }
        #expect(opaque.description == "123456789012345678901234567890.123456789")
    }

    @Test func overloadIDsAreUniqueAndFunctionsDocumented() {
        var seen: Set<String> = []
        for library in Library.kubernetesLibraries {
            for function in library.functions {
                #expect(!function.doc.isEmpty, "\(function.name) has no doc")
                for overload in function.overloads {
                    #expect(seen.insert(overload.id).inserted, "overload id \(overload.id) is used twice")
                }
            }
        }
    }

    @Test func regexCacheStaysBoundedAndRemembersFailures() {
        let cache = RegexCache(capacity: 8)
        for index in 0..<100 {
            guard case .success = cache.compiled("x\(index)y") else {
                Issue.record("x\(index)y did not compile")
                return
            }
            #expect(cache.count <= 8)
        }
        guard case .failure(let failure) = cache.compiled("(") else {
            Issue.record("an unbalanced group compiled")
            return
        }
        #expect(failure.message.contains("invalid regular expression"))
        guard case .failure = cache.compiled("(") else {
            Issue.record("the cached failure was lost")
            return
        }
    }

    /// Many tasks share the library's cache; every search still finds its own pattern.
    @Test func regexLibraryIsSafeToShareAcrossTasks() async {
        let mismatches = await withTaskGroup(of: Int.self) { group in
            for task in 0..<16 {
                group.addTask {
                    var wrong = 0
                    for index in 0..<200 {
                        let key = (task * 200 + index) % 500
                        let result = Library.regex.invoke(
                            "find", member: true, [.string("id-\(key) end"), .string("[a-z]+-\(key)")])
                        if !result.celEquals(.string("id-\(key)")) { wrong += 1 }
                    }
                    return wrong
                }
            }
            return await group.reduce(0, +)
        }
        #expect(mismatches == 0)
        #expect(RegexLibrary.cache.count <= RegexLibrary.cache.capacity)
    }

    struct HostileCase: Sendable, CustomTestStringConvertible {
        var name: String
        /// Builds the input of about `size` bytes and runs the function on it.
        var run: @Sendable (Int) -> Value
        var testDescription: String { name }
    }

    static let hostileCases: [HostileCase] = [
        HostileCase(name: "findAll") { size in
            Library.regex.invoke(
                "findAll", member: true, [.string(String(repeating: "a1 ", count: size / 3)), .string("[0-9]")])
        },
        HostileCase(name: "ip") { size in
            Library.network.invoke("isIP", [.string(String(repeating: "1:", count: size / 2))])
        },
        HostileCase(name: "cidr") { size in
            Library.network.invoke("isCIDR", [.string(String(repeating: "1.", count: size / 2) + "/8")])
        },
        HostileCase(name: "url path") { size in
            let url = Library.urls.invoke("url", [.string("https://x/" + String(repeating: "a b", count: size / 3))])
            return Library.urls.invoke("getEscapedPath", member: true, [url])
        },
        HostileCase(name: "url host") { size in
            Library.urls.invoke("isURL", [.string("ftp://" + String(repeating: "a:", count: size / 2) + "/")])
        },
        HostileCase(name: "url query") { size in
            let url = Library.urls.invoke("url", [.string("https://x/?" + String(repeating: "k=v&", count: size / 4))])
            return Library.urls.invoke("getQuery", member: true, [url])
        },
        HostileCase(name: "quantity") { size in
            let quantity = Library.quantity.invoke("quantity", [.string(String(repeating: "7", count: size) + "Ki")])
            return Library.quantity.invoke("asApproximateFloat", member: true, [quantity])
        },
        HostileCase(name: "quantity fraction") { size in
            Library.quantity.invoke("isQuantity", [.string("0." + String(repeating: "0", count: size) + "1e-9")])
        },
    ]

    /// A 1 MB argument costs about ten times a 100 kB one (a quadratic step would cost 100x).
    @Test(arguments: hostileCases)
    func hostileInputTakesLinearTime(_ test: HostileCase) {
        let clock = ContinuousClock()
        _ = test.run(100_000)  // warm up
        // The best of three runs, so that other work on a shared machine does not decide.
        let small = (0..<3).map { _ in clock.measure { _ = test.run(100_000) } }.min() ?? .zero
        let large = (0..<3).map { _ in clock.measure { _ = test.run(1_000_000) } }.min() ?? .zero
        let ratio = large / max(small, .milliseconds(1))
        #expect(ratio < 30, "10x input took \(ratio)x the time (\(small) vs \(large))")
        #expect(large < .seconds(20))
    }
}
