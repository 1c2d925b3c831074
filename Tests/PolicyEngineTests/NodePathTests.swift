import Testing

@testable import PolicyEngine

struct NodePathTests {
    @Test func optionalSelectionWithADefaultIsLocatedAsItsPath() {
        let optional = NodePath("object.?vpc_config.orValue([])")
        #expect(optional == NodePath("object.vpc_config"))
        #expect(NodePath("item.?cidr_blocks.or(optional.of([]))") == NodePath("item.cidr_blocks"))
        #expect(NodePath("object.a['b'][2]")?.steps == [.field("a"), .field("b"), .index(2)])
        #expect(NodePath("size(object.a)") == nil)
    }
}
