/// A Kubernetes label selector (`metav1.LabelSelector`): `matchLabels` and `matchExpressions`,
/// all of which must hold. An empty selector selects everything.
public struct LabelSelector: Sendable, Hashable {
    /// One `matchExpressions` entry.
    public struct Requirement: Sendable, Hashable {
        public enum Operator: String, Sendable, Hashable, CaseIterable {
            /// The label is present and its value is one of `values`.
            case `in` = "In"
            /// The label is absent, or its value is none of `values`.
            case notIn = "NotIn"
            /// The label is present, whatever its value.
            case exists = "Exists"
            /// The label is absent.
            case doesNotExist = "DoesNotExist"
        }

        public var key: String
        public var `operator`: Operator
        public var values: [String]

        public init(key: String, operator: Operator, values: [String] = []) {
            self.key = key
            self.operator = `operator`
            self.values = values
        }

        /// Whether a set of labels meets the requirement.
        public func matches(_ labels: [String: String]) -> Bool {
            switch self.operator {
            case .in: return labels[key].map(values.contains) ?? false
            case .notIn: return labels[key].map { !values.contains($0) } ?? true
            case .exists: return labels[key] != nil
            case .doesNotExist: return labels[key] == nil
            }
        }
    }

    public var matchLabels: [String: String]
    public var matchExpressions: [Requirement]

    public init(matchLabels: [String: String] = [:], matchExpressions: [Requirement] = []) {
        self.matchLabels = matchLabels
        self.matchExpressions = matchExpressions
    }

    /// A selector with no requirement, which selects everything.
    public var isEmpty: Bool { matchLabels.isEmpty && matchExpressions.isEmpty }

    /// Whether a set of labels meets every requirement.
    public func matches(_ labels: [String: String]) -> Bool {
        for (key, value) in matchLabels where labels[key] != value {
            return false
        }
        return matchExpressions.allSatisfy { $0.matches(labels) }
    }
}
