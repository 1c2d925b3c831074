/// One match: byte offsets into the UTF-8 haystack for the whole match and every group.
public struct RegexMatch: Sendable, Hashable {
    /// The whole match (group 0).
    public var range: Range<Int> { groups[0] ?? 0..<0 }
    /// Index 0 is the whole match; a group that did not take part is `nil`.
    public var groups: [Range<Int>?]

    public init(groups: [Range<Int>?]) {
        precondition(!groups.isEmpty && groups[0] != nil, "a match always has group 0")
        self.groups = groups
    }

    public subscript(group: Int) -> Range<Int>? { group < groups.count ? groups[group] : nil }
}
