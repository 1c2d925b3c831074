import Foundation
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

extension NodePathTests {
    @Test func conditionalsSplitAtTheirOwnQuestionMarkNotAtOptionalSelections() throws {
        let (condition, whenTrue, whenFalse) = try #require(
            NodePath.conditional("has(object.ip_protocol) ? [object] : object.?ingress.orValue([])"))
        #expect(condition.trimmingCharacters(in: .whitespaces) == "has(object.ip_protocol)")
        #expect(whenTrue.trimmingCharacters(in: .whitespaces) == "[object]")
        #expect(whenFalse.trimmingCharacters(in: .whitespaces) == "object.?ingress.orValue([])")
        #expect(NodePath.conditional("object.?ingress.orValue([])") == nil)
        #expect(NodePath.conditional("f(a ? b : c)") == nil)
    }
}

extension NodePathTests {
    @Test func parenthesesAroundAWholeEachExpressionAreSeenThrough() {
        #expect(NodeLocator.unparenthesised("(a ? [object] : [])") == "a ? [object] : []")
        #expect(NodeLocator.unparenthesised("((object.x))") == "(object.x)")
        #expect(NodeLocator.unparenthesised("(a) + (b)") == nil)
        #expect(NodeLocator.unparenthesised("(f(')') ? x : y)") == "f(')') ? x : y")
        #expect(NodeLocator.unparenthesised("object.x") == nil)
    }
}
