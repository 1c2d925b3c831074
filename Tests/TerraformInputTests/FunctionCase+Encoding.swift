@testable import TerraformInput

extension FunctionCase {
    static let numberCases: [FunctionCase] = [
        call("abs", [n(-12.4)], n(12.4)),
        call("ceil", [n(5.1)], n(6)),
        call("floor", [n(4.9)], n(4)),
        call("floor", [s("-4.5")], n(-5)),
        call("signum", [n(-13)], n(-1)),
        call("signum", [n(0)], n(0)),
        call("log", [n(16), n(2)], n(4)),
        call("pow", [n(3), n(2)], n(9)),
        call("pow", [n(4), n(0)], n(1)),
        call("min", [n(12), n(54), n(3)], n(3)),
        call("max", [n(12), n(54), n(3)], n(54)),
        fails("max", [n(1), s("x")], "max: argument 2 must be a number, not string"),
        call("parseint", [s("100"), n(10)], n(100)),
        call("parseint", [s("FF"), n(16)], n(255)),
        call("parseint", [s("-10"), n(16)], n(-16)),
        call("parseint", [s("1011111011101111"), n(2)], n(48879)),
        call("parseint", [s("aA"), n(62)], n(36 + 10 * 62)),
        fails("parseint", [s("12"), n(2)], "parseint: cannot parse \"12\" as a base 2 integer"),
        fails("parseint", [s("1"), n(1)], "parseint: the base must be between 2 and 62, got 1"),
    ]

    static let encodingCases: [FunctionCase] = [
        call("jsonencode", [o(["hello": s("world")])], s("{\"hello\":\"world\"}")),
        call("jsonencode", [o(["b": l(n(1), n(1.5), null), "a": b(true)])], s("{\"a\":true,\"b\":[1,1.5,null]}")),
        call(
            "jsonencode", [s("<a href=\"x\">&</a>\n\t\u{1}\u{2028}")],
            s("\"\\u003ca href=\\\"x\\\"\\u003e\\u0026\\u003c/a\\u003e\\n\\t\\u0001\\u2028\"")),
        call("jsonencode", [n(1e20)], s("100000000000000000000")),
        call("jsonencode", [n(0.000001)], s("0.000001")),
        call("jsonencode", [n(-3)], s("-3")),
        call("jsonencode", [l()], s("[]")),
        call("jsondecode", [s("{\"hello\": \"world\"}")], o(["hello": s("world")])),
        call("jsondecode", [s("true")], b(true)),
        call(
            "jsondecode", [s(" [1, 2.5e1, \"\\u00e9\\ud83d\\ude00\", null, {}] ")],
            l(n(1), n(25), s("é😀"), null, o([:]))),
        fails("jsondecode", [s("{\"a\":1,\"a\":2}")], "jsondecode: invalid JSON at offset 10: duplicate key \"a\""),
        fails("jsondecode", [s("[1] x")], "jsondecode: invalid JSON at offset 4: extra text after the value"),
        fails("jsondecode", [s("[01]")], "jsondecode: invalid JSON at offset 3: leading zero in a number"),
        fails("jsondecode", [s("")], "jsondecode: invalid JSON at offset 0: unexpected end of text"),
        call("yamlencode", [o(["a": s("b"), "c": s("d")])], s("\"a\": \"b\"\n\"c\": \"d\"\n")),
        call(
            "yamlencode", [o(["foo": l(n(1), n(2), n(3)), "bar": s("baz")])],
            s("\"bar\": \"baz\"\n\"foo\":\n- 1\n- 2\n- 3\n")),
        call(
            "yamlencode", [o(["foo": l(n(1), o(["a": s("b"), "c": s("d")]), n(3)), "bar": s("baz")])],
            s("\"bar\": \"baz\"\n\"foo\":\n- 1\n- \"a\": \"b\"\n  \"c\": \"d\"\n- 3\n")),
        call(
            "yamlencode", [o(["a": o(["b": l(), "c": o([:]), "d": null, "e": b(true)])])],
            s("\"a\":\n  \"b\": []\n  \"c\": {}\n  \"d\": null\n  \"e\": true\n")),
        call("yamlencode", [o(["script": s("echo 1\necho 2\n")])], s("\"script\": |\n  echo 1\n  echo 2\n")),
        call("yamlencode", [s("tab\there")], s("\"tab\\there\"\n")),
        call("yamldecode", [s("hello: world")], o(["hello": s("world")])),
        call("yamldecode", [s("true")], b(true)),
        fails(
            "yamldecode", [s("{a: &a [b]}")],
            "yamldecode: invalid YAML on line 1: anchors, aliases and tags are not supported"),
        call(
            "yamldecode", [s("- a\n- 1\n- 1.5\n- null\n- ~\n-\n- 'it''s'\n- \"q\\tq\"\n- 0x1F\n")],
            l(s("a"), n(1), n(1.5), null, null, null, s("it's"), s("q\tq"), n(31))),
        call(
            "yamldecode",
            [
                s(
                    "---\n# comment\nservers:\n  - name: web # trailing\n    ports: [80, 443]\n  - name: db\n    env: {A: \"1\", B: two}\nempty:\n"
                )
            ],
            o([
                "servers": l(
                    o(["name": s("web"), "ports": l(n(80), n(443))]),
                    o(["name": s("db"), "env": o(["A": s("1"), "B": s("two")])])),
                "empty": null,
            ])),
        call("yamldecode", [s("key:\n- a\n- b\nother: x\n")], o(["key": strings("a", "b"), "other": s("x")])),
        call(
            "yamldecode", [s("text: |\n  line 1\n  line 2\nfolded: >-\n  a\n  b\n\n  c\nkeep: |+\n  x\n\n")],
            o(["text": s("line 1\nline 2\n"), "folded": s("a b\nc"), "keep": s("x\n\n")])),
        call(
            "yamldecode", [s("plain: a\n  continued\nlist: [a,\n  b]\n")],
            o(["plain": s("a continued"), "list": strings("a", "b")])),
        call("yamldecode", [s("- - a\n  - b\n- c\n")], l(strings("a", "b"), s("c"))),
        call("yamldecode", [s("")], null),
        fails("yamldecode", [s("a: 1\na: 2\n")], "yamldecode: invalid YAML on line 2: duplicate mapping key \"a\""),
        fails(
            "yamldecode", [s("a: 1\n---\nb: 2\n")],
            "yamldecode: invalid YAML on line 2: several documents are not supported"),
        fails(
            "yamldecode", [s("a: &x 1\n")],
            "yamldecode: invalid YAML on line 1: anchors, aliases and tags are not supported"),
        fails("yamldecode", [s("a: [1, 2\n")], "yamldecode: invalid YAML on line 1: unterminated flow value"),
        call("base64encode", [s("Hello World")], s("SGVsbG8gV29ybGQ=")),
        call("base64encode", [s("ab")], s("YWI=")),
        call("base64decode", [s("SGVsbG8gV29ybGQ=")], s("Hello World")),
        call("base64decode", [s("")], s("")),
        fails("base64decode", [s("SGVsbG8")], "base64decode: the given value is not valid base64"),
        fails("base64decode", [s("/w==")], "base64decode: the decoded bytes are not valid UTF-8"),
    ]

    /// Vectors from RFC 1321 (MD5) and FIPS 180-2 appendix examples (SHA-1, SHA-256, SHA-512).
    static let hashCases: [FunctionCase] = [
        call("md5", [s("")], s("d41d8cd98f00b204e9800998ecf8427e")),
        call("md5", [s("abc")], s("900150983cd24fb0d6963f7d28e17f72")),
        call("md5", [s("message digest")], s("f96b697d7cb7938d525a2f31aaf161d0")),
        call(
            "md5", [s("12345678901234567890123456789012345678901234567890123456789012345678901234567890")],
            s("57edf4a22be3c955ac49da2e2107b67a")),
        call("sha1", [s("abc")], s("a9993e364706816aba3e25717850c26c9cd0d89d")),
        call(
            "sha1", [s("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")],
            s("84983e441c3bd26ebaae4aa1f95129e5e54670f1")),
        call("sha256", [s("abc")], s("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")),
        call("sha256", [s("")], s("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")),
        call(
            "sha256", [s("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")],
            s("248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")),
        call(
            "sha512", [s("abc")],
            s(
                "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f"
            )),
        call(
            "sha512",
            [
                s(
                    "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu"
                )
            ],
            s(
                "8e959b75dae313da8cf4f72814fc143f8f7779c6eb9f7fa17299aeadb6889018501d289e4900f7e4331b99dec4b5433ac7d329eeb6dd26545e96e55b874be909"
            )),
        call("base64sha256", [s("hello world")], s("uU0nuZNNPgilLlLX2n2r+sSE7+N6U4DukIj3rOLvzek=")),
        call(
            "base64sha512", [s("hello world")],
            s("MJ7MSJwS1utMxA9QyQLytNDtd+5RGnx6m808qG1M2G+YndNbxf9JlnDaNCVbRbDP2DDoH2Bdz33FVC6TrpzXbw==")),
    ]

    /// The examples of Terraform's CIDR function documentation, and the errors around them.
    static let networkCases: [FunctionCase] = [
        call("cidrsubnet", [s("172.16.0.0/12"), n(4), n(2)], s("172.18.0.0/16")),
        call("cidrsubnet", [s("10.1.2.0/24"), n(4), n(15)], s("10.1.2.240/28")),
        call("cidrsubnet", [s("fd00:fd12:3456:7890::/56"), n(16), n(162)], s("fd00:fd12:3456:7800:a200::/72")),
        call("cidrsubnet", [s("10.1.2.3/24"), n(0), n(0)], s("10.1.2.0/24")),
        fails(
            "cidrsubnet", [s("10.0.0.0/30"), n(4), n(0)],
            "cidrsubnet: insufficient address space to extend prefix of 30 by 4"),
        fails(
            "cidrsubnet", [s("10.0.0.0/16"), n(4), n(16)],
            "cidrsubnet: prefix extension of 4 does not accommodate a subnet numbered 16"),
        fails("cidrsubnet", [s("10.0.0/16"), n(4), n(1)], "cidrsubnet: invalid CIDR address \"10.0.0/16\""),
        call("cidrhost", [s("10.12.112.0/20"), n(16)], s("10.12.112.16")),
        call("cidrhost", [s("10.12.112.0/20"), n(268)], s("10.12.113.12")),
        call("cidrhost", [s("fd00:fd12:3456:7890:00a2::/72"), n(34)], s("fd00:fd12:3456:7890::22")),
        call("cidrhost", [s("10.0.0.0/24"), n(-1)], s("10.0.0.255")),
        call("cidrhost", [s("10.0.0.0/24"), n(-256)], s("10.0.0.0")),
        fails(
            "cidrhost", [s("10.0.0.0/24"), n(256)], "cidrhost: prefix of 24 does not accommodate a host numbered 256"),
        fails(
            "cidrhost", [s("10.0.0.0/24"), n(-257)], "cidrhost: prefix of 24 does not accommodate a host numbered -257"),
        call("cidrnetmask", [s("172.16.0.0/12")], s("255.240.0.0")),
        call("cidrnetmask", [s("10.0.0.0/32")], s("255.255.255.255")),
        fails("cidrnetmask", [s("fd00::/8")], "cidrnetmask: only IPv4 networks have netmasks"),
        call(
            "cidrsubnets", [s("10.1.0.0/16"), n(4), n(4), n(8), n(4)],
            strings("10.1.0.0/20", "10.1.16.0/20", "10.1.32.0/24", "10.1.48.0/20")),
        call(
            "cidrsubnets", [s("fd00:fd12:3456:7890::/56"), n(16), n(16), n(16), n(32)],
            strings(
                "fd00:fd12:3456:7800::/72", "fd00:fd12:3456:7800:100::/72", "fd00:fd12:3456:7800:200::/72",
                "fd00:fd12:3456:7800:300::/88")),
        call("cidrsubnets", [s("10.0.0.0/8"), n(8), n(1)], strings("10.0.0.0/16", "10.128.0.0/9")),
        call("cidrsubnets", [s("10.0.0.0/8")], l()),
        fails(
            "cidrsubnets", [s("10.0.0.0/24"), n(1), n(1), n(1)],
            "cidrsubnets: argument 4: not enough remaining address space for a subnet with a prefix of 25 bits after 10.0.0.128/25"
        ),
        fails(
            "cidrsubnets", [s("10.0.0.0/24"), n(9)],
            "cidrsubnets: argument 2: would extend the prefix to 33 bits, too long for an IPv4 address"),
    ]

    static let fileCases: [FunctionCase] = [
        call("file", [s("hello.txt")], s("Hello World")),
        fails("file", [s("missing.txt")], "file: no readable text file at \"missing.txt\" inside the module"),
        call("fileexists", [s("hello.txt")], b(true)),
        call("fileexists", [s("missing.txt")], b(false)),
        call("filebase64", [s("hello.txt")], s("SGVsbG8gV29ybGQ=")),
        call("filemd5", [s("hello.txt")], s("b10a8db164e0754105b7a99be72e3fe5")),
        call("filesha256", [s("hello.txt")], s("a591a6d40bf420404a011733cfb7b190d62c65bf0bcda32b57b277d9ad9f146e")),
        call("templatefile", [s("greeting.tftpl"), o(["name": s("Ander")])], s("Hello, Ander!")),
        fails(
            "templatefile", [s("greeting.tftpl"), s("x")],
            "templatefile: argument 2 must be a map of template variables, not string"),
        call("abspath", [s("/a/b/../c")], s("/a/c")),
        call("abspath", [s("relative")], unknown),
        call("dirname", [s("foo/bar/baz.txt")], s("foo/bar")),
        call("dirname", [s("baz.txt")], s(".")),
        call("dirname", [s("/baz.txt")], s("/")),
        call("basename", [s("foo/bar/baz.txt")], s("baz.txt")),
        call("basename", [s("foo/bar/")], s("bar")),
        call("basename", [s("")], s(".")),
        call("pathexpand", [s("~/.ssh/id_rsa")], unknown),
        call("pathexpand", [s("/etc/resolv.conf")], s("/etc/resolv.conf")),
    ]
}
