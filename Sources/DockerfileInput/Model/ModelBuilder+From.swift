import PolicyModel

/// `FROM [--platform=…] image [AS name]`: the image after argument substitution, its parts, and
/// the stage it starts.
extension ModelBuilder {
    /// Appends the `FROM` fields (the image fields, with `stage` named `baseStage`, and `name`) to
    /// `fields`, and starts the new stage.
    mutating func from(
        _ syntax: InstructionSyntax, in line: LogicalLine, at span: Span, into fields: inout [(String, Node)]
    ) {
        let words = Words.plain(line.scalars, in: syntax.arguments)
        let keywordSpan = line.span(syntax.keyword)
        var nameRange: Range<Int>?
        let hasAs = words.count >= 3 && line.text(words[1]).lowercased() == "as"
        if hasAs { nameRange = words[2] }
        if words.isEmpty {
            report(.error, "FROM has no image", at: keywordSpan)
        } else if words.count != 1 && !(hasAs && words.count == 3) {
            report(.error, "FROM takes an image, then optionally AS and a stage name", at: line.span(words[1]))
        }
        let platform = syntax.flags.last { $0.name == "platform" }
        let imageStart = fields.count
        image(words.first, platform: platform, in: line, at: span, into: &fields)
        var name = Node.absent(at: span)
        if let nameRange {
            let text = line.text(nameRange).lowercased()
            let nameSpan = line.span(nameRange)
            if !isStageName(text) {
                report(
                    .error,
                    "stage name \"\(line.text(nameRange))\" is not valid: it must start with a letter and have only "
                        + "letters, digits, -, _ and .",
                    at: nameSpan)
            }
            claimStageName(text)
            name = .text(text, at: nameSpan)
        }
        startStage(name: name, base: Array(fields[imageStart...]), keywordSpan: keywordSpan, span: span)
        // `stage` is already the instruction's own stage (the one it starts).
        for position in imageStart..<fields.count where fields[position].0 == "stage" {
            fields[position].0 = "baseStage"
        }
        fields.append(("name", name))
    }

    /// Appends the image fields for the image word `word` (none when `nil`) and the platform flag.
    private mutating func image(
        _ word: Range<Int>?, platform: InstructionSyntax.Flag?, in line: LogicalLine, at span: Span,
        into fields: inout [(String, Node)]
    ) {
        let absent = Node.absent(at: span)
        var platformNode = absent
        if let platform, platform.value != nil {
            let value = substituted(platform.valueRange, in: line)
            platformNode = .text(value.text, at: line.span(platform.valueRange))
        }
        guard let word else {
            fields += [
                ("reference", absent), ("written", absent), ("registry", absent), ("repository", absent),
                ("tag", absent), ("digest", absent), ("platform", platformNode), ("stage", absent),
                ("scratch", .boolean(false, at: span)), ("resolved", .boolean(true, at: span)),
            ]
            return
        }
        let wordSpan = line.span(word)
        let written = line.text(word)
        let value = substituted(word, in: line)
        let reference = value.text
        if value.resolved && reference.isEmpty {
            report(.error, "FROM image \"\(written)\" is empty after substitution", at: wordSpan)
        }
        let stageIndex = value.resolved ? stage(named: reference) : nil
        let scratch = value.resolved && stageIndex == nil && reference == "scratch"
        var parts = (registry: absent, repository: absent, tag: absent, digest: absent)
        if value.resolved && stageIndex == nil && !scratch && !reference.isEmpty {
            let scalars = reference.scalarArray
            let split = ContainerImage(scalars: scalars)
            func node(_ range: Range<Int>?) -> Node {
                guard let range else { return absent }
                let partSpan =
                    reference == written
                    ? line.span((word.lowerBound + range.lowerBound)..<(word.lowerBound + range.upperBound)) : wordSpan
                return .text(String(scalars: scalars[range]), at: partSpan)
            }
            parts = (node(split.registry), node(split.repository), node(split.tag), node(split.digest))
        }
        fields.append(("reference", .text(reference, at: wordSpan)))
        fields.append(("written", .text(written, at: wordSpan)))
        fields.append(("registry", parts.registry))
        fields.append(("repository", parts.repository))
        fields.append(("tag", parts.tag))
        fields.append(("digest", parts.digest))
        fields.append(("platform", platformNode))
        fields.append(("stage", stageIndex.map { .integer($0, at: wordSpan) } ?? absent))
        fields.append(("scratch", .boolean(scratch, at: wordSpan)))
        fields.append(("resolved", .boolean(value.resolved, at: wordSpan)))
    }

    /// `range` with the arguments before the first `FROM` substituted; warns about undeclared ones.
    private mutating func substituted(_ range: Range<Int>, in line: LogicalLine) -> ShellWord {
        let value = ShellWord(line.scalars, range, escape: escape, variables: arguments)
        var warned: Set<String> = []
        for name in value.undeclared where warned.insert(name).inserted {
            report(
                .warning, "build argument \"\(name)\" is not declared before the first FROM, so it is empty here",
                at: line.span(range))
        }
        return value
    }

    /// Whether `name` (lower-cased) is a valid stage name: `[a-z][a-z0-9-_.]*`.
    private func isStageName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, first.isASCIILetter else { return false }
        return name.unicodeScalars.allSatisfy {
            $0.isASCIILetter || $0.isASCIIDigit || "-_.".unicodeScalars.contains($0)
        }
    }
}
