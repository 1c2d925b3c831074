import DockerfileInput
import KubernetesInput
import PolicyEngine
import PolicyModel
import Testing

/// `keywords`, the words a file must hold for a policy to be evaluated on it, and variables that
/// are worked out once per `each` item.
struct PolicyKeywordsTests {
    static func policy(keywords: String, kinds: String = "[dockerfile]", validation: String? = nil) -> String {
        """
        id: docker-no-telnet
        title: telnet is installed
        severity: low
        kinds: \(kinds)
        match: {resources: [dockerfile]}
        keywords: \(keywords)
        each: object.instructions
        validations:
        - expression: \(validation ?? "\"item.keyword != 'RUN' || !item.script.contains('telnet')\"")
          message: telnet

        """
    }

    static func load(_ text: String) -> (policies: [Policy], messages: [String]) {
        let (policies, diagnostics) = PolicyLoader.load(text, file: "p.yaml")
        return (policies, diagnostics.map { $0.rendered() })
    }

    static func scan(_ policy: Policy, _ dockerfile: String, text: String?, usesKeywords: Bool = true) -> [Finding] {
        let (resources, diagnostics) = DockerfileParser.parse(dockerfile, file: "Dockerfile")
        #expect(diagnostics.isEmpty)
        var scanner = Scanner(policies: [policy])
        scanner.usesKeywords = usesKeywords
        return scanner.scan(resources, text: text).findings
    }

    @Test func keywordsAreLowercasedAndDecideWhetherAFileIsEvaluated() throws {
        let loaded = Self.load(Self.policy(keywords: "[TelNet]"))
        #expect(loaded.messages.isEmpty)
        let policy = try #require(loaded.policies.first)
        #expect(policy.keywords == ["telnet"])
        let dockerfile = "FROM debian:12\nRUN apt-get install -y telnet\n"
        #expect(Self.scan(policy, dockerfile, text: dockerfile).count == 1)
        // The same resources with a text that lacks the word: not evaluated, so no finding; with
        // keywords off, or with no text to read them in, evaluated.
        #expect(Self.scan(policy, dockerfile, text: "FROM debian:12\n").isEmpty)
        #expect(Self.scan(policy, dockerfile, text: "FROM debian:12\n", usesKeywords: false).count == 1)
        #expect(Self.scan(policy, dockerfile, text: nil).count == 1)
    }

    /// A word the shell or a continuation line joins is still found: quotes, backslashes and line
    /// breaks are dropped from the text before looking, and letters compared in any case.
    @Test func wordsSplitByQuotesOrContinuationsAreStillFound() throws {
        let loaded = Self.load(
            Self.policy(
                keywords: "[telnet]",
                validation: """
                    "item.keyword != 'RUN' || !shellCommands(item.script).exists(c, \
                    c.arguments.exists(a, a.lowerAscii() == 'telnet'))"
                    """))
        #expect(loaded.messages.isEmpty, "\(loaded.messages)")
        let policy = try #require(loaded.policies.first)
        for dockerfile in [
            "FROM debian:12\nRUN apt-get install -y tel\"net\"\n",
            "FROM debian:12\nRUN apt-get install -y 'tel'net\n",
            "FROM debian:12\nRUN apt-get install -y tel\\\nnet\n",
            "FROM debian:12\nRUN apt-get install -y TELNET\n",
        ] {
            #expect(Self.scan(policy, dockerfile, text: dockerfile).count == 1, "\(dockerfile)")
        }
    }

    /// The search itself: a word is found wherever it is, and a text that holds every pair of
    /// adjacent letters of a word but not the word does not hold it.
    @Test func textHoldsAWordOnlyWhereItIsWritten() {
        func holds(_ text: String, _ words: [String]) -> Bool { KeywordText.holds(text, anyOf: words) }
        let text = "RUN a=\"ab\" && b=ba; echo 'x'\nENV Strict-SSL=false"
        #expect(holds(text, ["strict-ssl"]))
        #expect(holds(text, ["nope", "ab"]))
        #expect(!holds(text, ["aba"]))  // "ab" and "ba" are there, "aba" is not
        #expect(!holds(text, ["abba", "zz"]))
        #expect(holds(text, ["false"]) && holds(text, ["r"]) && !holds(text, ["q"]))
        #expect(!holds("", ["a"]))
    }

    /// The pair filter and the search against the plainest reading: drop the characters, lower
    /// the case, look for the word. Random texts over a small alphabet, so that words and pairs
    /// collide often.
    @Test func searchAgreesWithAPlainReadingOnRandomTexts() {
        var state: UInt64 = 0x5EED_CAFE
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        let alphabet = Array("abAB-_\"'\\`\n\r x/.:")
        let letters = Array("ab-_x/.:")
        for _ in 0..<2_000 {
            let text = String((0..<next(60)).map { _ in alphabet[next(alphabet.count)] })
            let words = (0..<(1 + next(3))).map { _ in
                String((0..<(1 + next(4))).map { _ in letters[next(letters.count)] })
            }
            let plain = String(
                text.lowercased().filter { !"\"'\\`\n\r".contains($0) })
            #expect(
                KeywordText.holds(text, anyOf: words) == words.contains { plain.contains($0) },
                "\(text.debugDescription) \(words)")
        }
    }

    /// A file keeps each keyword's answer for the next policy that asks: the answers of one
    /// text, asked in any order and again, are those of asking each word alone.
    @Test func answersKeptForLaterPoliciesAreTheFirstAnswers() {
        let text = "FROM alpine\nRUN apk add curl && curl -k https://example.com"
        let words = ["wget", "curl", "-k", "sudo", "apk", "nope"]
        var keywordText = KeywordText(text, keywords: words)
        for numbers in [[0], [0, 3], [1], [3, 5], [2, 0], [5], [4, 5], [0, 3, 5], [1, 0]] {
            let alone = numbers.contains { KeywordText.holds(text, anyOf: [words[$0]]) }
            #expect(keywordText.containsAny(numbers) == alone, "\(numbers.map { words[$0] })")
            #expect(keywordText.containsAny(numbers) == alone, "asked again: \(numbers.map { words[$0] })")
        }
    }

    @Test func keywordsAreRefusedWhereAFileIsNotAllThePolicySees() {
        // Terraform resources take values from other files of their module.
        let terraform = Self.load(Self.policy(keywords: "[telnet]", kinds: "[dockerfile, terraform]"))
        #expect(terraform.policies.isEmpty)
        #expect(terraform.messages.contains { $0.contains("only dockerfile, github-actions, gitlab-ci, kubernetes") })
        // `resource` reads the other objects of the scan.
        let state = Self.load(
            Self.policy(keywords: "[telnet]", validation: "\"size(resource.List('v1', 'Namespace', '')) >= 0\""))
        #expect(state.policies.isEmpty)
        #expect(state.messages.contains { $0.contains("also reads resource") })
        // A keyword must be something a normalised text can hold.
        for (word, problem) in [
            ("'a b'", "holds a space"), ("'it''s'", "holds a quote"), ("''", "is empty"), ("[]", "at least one"),
        ] {
            let loaded = Self.load(Self.policy(keywords: word.hasPrefix("[") ? word : "[\(word)]"))
            #expect(loaded.policies.isEmpty, "\(word)")
            #expect(loaded.messages.contains { $0.contains(problem) }, "\(word): \(loaded.messages)")
        }
    }

    /// A variable that reads `item` is worked out once per item and read by the validation and
    /// its message alike; variables before it stay per resource.
    @Test func variablesThatReadTheItemAreEvaluatedPerItem() throws {
        let text = """
            id: docker-no-telnet
            title: telnet is installed
            severity: low
            kinds: [dockerfile]
            match: {resources: [dockerfile]}
            variables:
              banned: "['telnet', 'ftp']"
              found: "item.keyword != 'RUN' ? [] : variables.banned.filter(b, item.script.contains(b))"
              count: "size(variables.found)"
            each: object.instructions
            validations:
            - expression: variables.count == 0
              messageExpression: "'line ' + string(item.line) + ' installs ' + variables.found.join(' and ')"

            """
        let loaded = Self.load(text)
        #expect(loaded.messages.isEmpty, "\(loaded.messages)")
        let policy = try #require(loaded.policies.first)
        #expect(policy.itemVariableIndices == [1, 2])
        let dockerfile = "FROM debian:12\nRUN apt-get install -y telnet ftp\nRUN true\nRUN apt-get install ftp\n"
        let findings = Self.scan(policy, dockerfile, text: dockerfile)
        #expect(findings.map(\.message) == ["line 2 installs telnet and ftp", "line 4 installs ftp"])
    }
}
