import HCL
import Testing

/// Templates: interpolations, `if` and `for` directives, strip markers, escapes of the
/// sequence introductions, heredocs and the `<<-` indentation rule, standalone templates.
struct TemplateTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var section: String
        var source: String
        var printed: String
        var testDescription: String { "\(section): \(source.debugDescription)" }
    }

    static let quoted: [Case] = [
        Case(section: "interpolation", source: #""a${b}c""#, printed: #"template["a", ${b}, "c"]"#),
        Case(section: "interpolation", source: #""${x}/${y}""#, printed: #"template[${x}, "/", ${y}]"#),
        Case(section: "interpolation", source: #""${ var.a + 1 }""#, printed: "template[${(var.a + 1)}]"),
        Case(
            section: "interpolation", source: #""${[for s in xs : s][0]}""#,
            printed: "template[${[for s in xs : s][0]}]"),
        Case(section: "directive", source: #""%{if a}yes%{endif}""#, printed: #"template[%{if a}["yes"]]"#),
        Case(
            section: "directive", source: #""%{ if a }yes%{ else }no%{ endif }""#,
            printed: #"template[%{if a}["yes"]%{else}["no"]]"#),
        Case(
            section: "directive", source: #""%{for x in xs}${x},%{endfor}""#,
            printed: #"template[%{for x in xs}[${x}, ","]]"#),
        Case(
            section: "directive", source: #""%{ for k, v in m }${k}=${v};%{ endfor }""#,
            printed: #"template[%{for k, v in m}[${k}, "=", ${v}, ";"]]"#),
        Case(
            section: "directive", source: #""%{if a}%{for x in xs}${x}%{endfor}%{else}none%{endif}""#,
            printed: #"template[%{if a}[%{for x in xs}[${x}]]%{else}["none"]]"#),
        Case(section: "directive", source: #""x%{if a}%{endif}y""#, printed: #"template["x", %{if a}[], "y"]"#),
        Case(
            section: "directive", source: #""%{if a == "b"}eq%{endif}""#, printed: #"template[%{if (a == "b")}["eq"]]"#),

        // Strip markers remove white space (line breaks included) next to them, in the literal
        // text only, never in interpolated values.
        Case(section: "strip", source: #""hello ${~ "world" }""#, printed: #"template["hello", ${"world"}]"#),
        Case(
            section: "strip", source: #""%{ if true ~} hello %{~ endif }""#, printed: #"template[%{if true}["hello"]]"#),
        Case(section: "strip", source: #""${"hello" ~}${" world"}""#, printed: #"template[${"hello"}, ${" world"}]"#),
        Case(section: "strip", source: #""a \t ${~x~} \t b""#, printed: #"template["a", ${x}, "b"]"#),
        Case(section: "strip", source: #""a ${x~} b ${~y} c""#, printed: #"template["a ", ${x}, "b", ${y}, " c"]"#),
        Case(section: "strip", source: #""a\n ${~x}""#, printed: #"template["a", ${x}]"#),

        // `$${` and `%%{` write the introductions literally; a lone `$` or `%` is text.
        Case(section: "escape", source: #""$${x} and %%{y}""#, printed: #""${x} and %{y}""#),
        Case(section: "escape", source: #""$${a}${b}""#, printed: #"template["${a}", ${b}]"#),
        Case(section: "escape", source: #""$ % $$ %% ${x}""#, printed: #"template["$ % $$ %% ", ${x}]"#),
        Case(section: "escape", source: #""\"${x}\"""#, printed: #"template["\"", ${x}, "\""]"#),
    ]

    @Test(arguments: quoted)
    func quotedTemplatesParse(_ example: Case) throws {
        #expect(try Expression.parse(example.source).description == example.printed)
    }

    static let heredocs: [Case] = [
        Case(section: "heredoc", source: "<<EOT\nhello\n  world\nEOT", printed: #""hello\n  world\n""#),
        Case(section: "heredoc", source: "<<EOT\nEOT", printed: #""""#),
        Case(section: "heredoc", source: "<<EOT\n\nEOT", printed: #""\n""#),
        Case(section: "heredoc", source: "<<EOT\n  a\n  EOT", printed: #""  a\n""#),
        Case(section: "heredoc", source: "<<EOT\nEOTX\nEOT", printed: #""EOTX\n""#),
        Case(section: "heredoc", source: "<<EOT\nHello ${name}\nEOT", printed: #"template["Hello ", ${name}, "\n"]"#),
        Case(section: "heredoc", source: "<<EOT\n$${x} \\n %%{y}\nEOT", printed: #""${x} \\n %{y}\n""#),
        Case(section: "heredoc", source: "<<EOT\r\nline\r\nEOT", printed: #""line\r\n""#),
        Case(
            section: "heredoc", source: "<<EOT\n\"quoted\" # not a comment\nEOT",
            printed: #""\"quoted\" # not a comment\n""#),
        Case(section: "heredoc", source: "<<EOT\n${\n  x\n}\nEOT", printed: #"template[${x}, "\n"]"#),

        // `<<-`: the smallest indentation of the non-blank lines is removed from every line.
        Case(section: "indented", source: "<<-EOT\n    hello\n      world\n    EOT", printed: #""hello\n  world\n""#),
        Case(section: "indented", source: "<<-EOT\n    a\n\n    b\n  EOT", printed: #""a\n\nb\n""#),
        Case(section: "indented", source: "<<-EOT\n    a\n  \n    b\nEOT", printed: #""a\n  \nb\n""#),
        Case(section: "indented", source: "<<-EOT\n\t\ta\n\t\t\tb\n\tEOT", printed: #""a\n\tb\n""#),
        Case(section: "indented", source: "<<-EOT\n  ${x}\n    y\nEOT", printed: #"template["", ${x}, "\n  y\n"]"#),
        Case(section: "indented", source: "<<-EOT\n${x}\n    y\nEOT", printed: #"template[${x}, "\n    y\n"]"#),
        Case(
            section: "indented", source: "<<-EOT\n    a ${x}   b\n    c\nEOT",
            printed: #"template["a ", ${x}, "   b\nc\n"]"#),
        Case(section: "indented", source: "<<-EOT\n    x\n      ${y}\nEOT", printed: #"template["x\n  ", ${y}, "\n"]"#),

        // Directives in heredocs, with strip markers eating the line breaks around them.
        Case(
            section: "directive", source: "<<EOT\n%{ for s in list ~}\n- ${s}\n%{ endfor ~}\nEOT",
            printed: #"template[%{for s in list}["- ", ${s}, "\n"], ""]"#),
        Case(
            section: "directive", source: "<<EOT\n%{ if enabled ~}\non\n%{ else ~}\noff\n%{ endif ~}\nEOT",
            printed: #"template[%{if enabled}["on\n"]%{else}["off\n"], ""]"#),
    ]

    @Test(arguments: heredocs)
    func heredocsParse(_ example: Case) throws {
        #expect(try Expression.parse(example.source).description == example.printed)
    }

    static let standalone: [Case] = [
        Case(section: "standalone", source: "Hello, ${name}!", printed: #"template["Hello, ", ${name}, "!"]"#),
        Case(section: "standalone", source: "just text", printed: #""just text""#),
        Case(section: "standalone", source: "", printed: #""""#),
        Case(section: "standalone", source: "${a + b}", printed: "template[${(a + b)}]"),
        Case(section: "standalone", source: #"back\slash "quoted" \n"#, printed: #""back\\slash \"quoted\" \\n""#),
        Case(
            section: "standalone", source: "line one\nline ${two}\n",
            printed: #"template["line one\nline ", ${two}, "\n"]"#),
        Case(section: "standalone", source: "$${not} %%{this}", printed: #""${not} %{this}""#),
        Case(section: "standalone", source: "{ } } {", printed: #""{ } } {""#),
        Case(
            section: "standalone", source: "%{ for i in range(3) }${i}%{ endfor }",
            printed: "template[%{for i in range(3)}[${i}]]"),
    ]

    @Test(arguments: standalone)
    func standaloneTemplatesParse(_ example: Case) throws {
        #expect(try Expression.parseTemplate(example.source).description == example.printed)
    }

    @Test func aTemplateOfOneInterpolationUnwraps() throws {
        guard case .template(let template, _) = try Expression.parse(#""${var.tags}""#) else {
            Issue.record("expected a template")
            return
        }
        #expect(template.unwrapped?.description == "var.tags")
        #expect(template.form == .quoted)
        guard case .template(let two, _) = try Expression.parse(#""${a}${b}""#) else {
            Issue.record("expected a template")
            return
        }
        #expect(two.unwrapped == nil)
        guard case .template(let directive, _) = try Expression.parse(#""%{for v in [true]}${v}%{endfor}""#) else {
            Issue.record("expected a template")
            return
        }
        #expect(directive.unwrapped == nil)
    }

    @Test func heredocFormRecordsMarkerAndIndentation() throws {
        guard case .template(let template, let whole) = try Expression.parse("<<-END\n  ${x}\n  END") else {
            Issue.record("expected a template")
            return
        }
        #expect(template.form == .heredoc(marker: "END", indented: true))
        #expect(whole == range(1, 1, 0, 3, 6, 19))
    }

    @Test func templatePartsCarryTheirRanges() throws {
        guard case .template(let template, let whole) = try Expression.parse(#""a${b}c%{if d}e%{endif}""#) else {
            Issue.record("expected a template")
            return
        }
        #expect(whole == range(1, 1, 0, 1, 25, 24))
        #expect(
            template.parts.map(\.range) == [
                range(1, 2, 1, 1, 3, 2), range(1, 3, 2, 1, 7, 6), range(1, 7, 6, 1, 8, 7), range(1, 8, 7, 1, 24, 23),
            ])
        guard case .ifDirective(let condition, let whenTrue, nil, _) = template.parts[3] else {
            Issue.record("expected an if directive")
            return
        }
        #expect(condition.range == range(1, 13, 12, 1, 14, 13))
        #expect(whenTrue.map(\.range) == [range(1, 15, 14, 1, 16, 15)])
    }

    @Test func indentationRemovalMovesTheLiteralsStart() throws {
        guard case .template(let template, _) = try Expression.parse("<<-EOT\n    a${x}\n    EOT") else {
            Issue.record("expected a template")
            return
        }
        guard case .literal(let text, let literalRange) = template.parts[0] else {
            Issue.record("expected a literal first")
            return
        }
        #expect(text == "a")
        #expect(literalRange.start == Position(offset: 11, line: 2, column: 5))
    }
}
