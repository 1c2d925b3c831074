import Testing

@testable import LinearRegex

struct UnicodeTablesTests {
    private func ranges(_ name: String) -> [ClosedRange<UInt32>] {
        UnicodeTables.ranges(forProperty: name) ?? []
    }

    private func contains(_ ranges: [ClosedRange<UInt32>], _ character: Character) -> Bool {
        guard let scalar = character.unicodeScalars.first?.value else { return false }
        return ranges.contains { $0.contains(scalar) }
    }

    private func scalar(_ character: Character) -> UInt32 {
        character.unicodeScalars.first?.value ?? 0
    }

    @Test func greekScriptContainsAlphaButNotLatinA() {
        let greek = ranges("Greek")
        #expect(contains(greek, "α"))
        #expect(!contains(greek, "a"))
    }

    @Test func uppercaseLetterContainsCapitalAButNotSmallA() {
        let lu = ranges("Lu")
        #expect(contains(lu, "A"))
        #expect(!contains(lu, "a"))
        #expect(UnicodeTables.ranges(forProperty: "Uppercase_Letter") == lu)
    }

    @Test func letterContainsLatinAccentedAndHanLetters() {
        let letters = ranges("L")
        #expect(contains(letters, "a"))
        #expect(contains(letters, "é"))
        #expect(contains(letters, "中"))
    }

    @Test func numberContainsArabicIndicDigitThree() {
        #expect(contains(ranges("N"), "٣"))
    }

    @Test func scriptSpellingsAgree() {
        let han = ranges("Han")
        #expect(!han.isEmpty)
        for spelling in ["Hani", "sc=Han", "Script=Han", "script = han", "isHan"] {
            #expect(UnicodeTables.ranges(forProperty: spelling) == han, "\(spelling)")
        }
    }

    @Test func scriptExtensionsAreWiderThanScript() {
        // U+0342 COMBINING GREEK PERISPOMENI has Script=Inherited but Script_Extensions=Greek.
        #expect(!contains(ranges("sc=Greek"), "\u{0342}"))
        #expect(contains(ranges("scx=Greek"), "\u{0342}"))
        #expect(UnicodeTables.ranges(forProperty: "Script_Extensions=Grek") == ranges("scx=Greek"))
    }

    @Test func unassignedCategoriesIncludeUnassignedCodePoints() {
        #expect(contains(ranges("Cn"), "\u{0378}"))
        #expect(contains(ranges("C"), "\u{0378}"))
        #expect(!contains(ranges("Assigned"), "\u{0378}"))
        #expect(UnicodeTables.ranges(forProperty: "Any") == [0...0x10FFFF])
    }

    @Test func decimalNumberCategoryIsPerlDigit() {
        #expect(UnicodeTables.ranges(forProperty: "gc=Nd") == UnicodeTables.perlDigit)
        #expect(UnicodeTables.ranges(forProperty: "General_Category=Decimal_Number") == UnicodeTables.perlDigit)
    }

    @Test func whiteSpacePropertyIsPerlSpace() {
        #expect(UnicodeTables.ranges(forProperty: "White_Space") == UnicodeTables.perlSpace)
    }

    @Test func binaryPropertiesAreFoundByAnyAlias() {
        let alphabetic = ranges("Alphabetic")
        #expect(contains(alphabetic, "a"))
        #expect(UnicodeTables.ranges(forProperty: "Alpha") == alphabetic)
        #expect(UnicodeTables.ranges(forProperty: "alphabetic=yes") == alphabetic)
        #expect(contains(ranges("Emoji"), "😀"))
        #expect(contains(ranges("Extended_Pictographic"), "😀"))
    }

    @Test func wordCharacterFollowsUnicodeWordDefinition() {
        #expect(UnicodeTables.isWordCharacter(scalar("_")))
        #expect(UnicodeTables.isWordCharacter(scalar("é")))
        #expect(UnicodeTables.isWordCharacter(scalar("٣")))
        #expect(UnicodeTables.isWordCharacter(0x200D))  // ZERO WIDTH JOINER: Join_Control
        #expect(!UnicodeTables.isWordCharacter(scalar(" ")))
        #expect(!UnicodeTables.isWordCharacter(scalar("-")))
    }

    @Test func wordCharacterAgreesWithPerlWordTable() {
        let word = UnicodeTables.perlWord
        let mismatch = (UInt32(0)...0x3000).first { scalar in
            UnicodeTables.isWordCharacter(scalar) != word.contains { $0.contains(scalar) }
        }
        #expect(mismatch == nil)
    }

    @Test func unknownPropertyNameIsNil() {
        #expect(UnicodeTables.ranges(forProperty: "NoSuchProperty") == nil)
        #expect(UnicodeTables.ranges(forProperty: "sc=Lu") == nil)
        #expect(UnicodeTables.ranges(forProperty: "gc=Greek") == nil)
        #expect(UnicodeTables.ranges(forProperty: "") == nil)
    }

    @Test func caseFoldingOrbitOfKIncludesKelvinSign() {
        #expect(CaseFolding.orbit(of: scalar("k")) == [scalar("K"), scalar("k"), 0x212A])
        #expect(CaseFolding.orbit(of: 0x212A) == [scalar("K"), scalar("k"), 0x212A])
    }

    @Test func caseFoldingOrbitOfSIncludesLongS() {
        #expect(CaseFolding.orbit(of: scalar("s")) == [scalar("S"), scalar("s"), 0x017F])
    }

    @Test func caseFoldingOrbitOfSigmaIncludesFinalSigma() {
        #expect(CaseFolding.orbit(of: 0x03C3) == [0x03A3, 0x03C2, 0x03C3])
    }

    @Test func scalarWithoutCaseHasSingletonOrbit() {
        #expect(CaseFolding.orbit(of: scalar("1")) == [scalar("1")])
        #expect(CaseFolding.orbit(of: 0x10FFFF) == [0x10FFFF])
    }

    @Test func forEachOrbitMemberReportsEachOrbitOnceOverWholeRange() {
        var reported: [UInt32] = []
        CaseFolding.forEachOrbitMember(in: 0...0x10FFFF) { reported.append($0) }
        #expect(reported.count == Set(reported).count)
        #expect(reported.contains(0x212A))
        #expect(reported.contains(0x017F))
    }

    @Test func forEachOrbitMemberReportsPartnersOutsideTheRange() {
        var reported: Set<UInt32> = []
        CaseFolding.forEachOrbitMember(in: scalar("k")...scalar("k")) { reported.insert($0) }
        #expect(reported == [scalar("K"), scalar("k"), 0x212A])
    }
}
