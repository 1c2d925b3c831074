extension Policy {
    /// How a cluster applies a policy read from a Kubernetes ValidatingAdmissionPolicy or a
    /// Kyverno ValidatingPolicy: what it matches, where its parameters come from, what a failing
    /// validation does and what an evaluation error does. See docs/ADMISSION-POLICIES.md.
    public struct Admission: Sendable {
        /// The document a policy was read from.
        public enum Format: String, Sendable {
            /// `admissionregistration.k8s.io` ValidatingAdmissionPolicy, with one of its bindings.
            case validatingAdmissionPolicy = "ValidatingAdmissionPolicy"
            /// `policies.kyverno.io` ValidatingPolicy.
            case kyvernoValidatingPolicy = "ValidatingPolicy"
        }

        /// What an evaluation error or a misconfiguration does.
        public enum FailurePolicy: String, Sendable, CaseIterable {
            /// The error counts as a failed validation.
            case fail = "Fail"
            /// The error is ignored and the object admitted.
            case ignore = "Ignore"
        }

        /// What a failed validation does.
        public enum ValidationAction: String, Sendable, CaseIterable {
            /// The request is denied.
            case deny = "Deny"
            /// The client is warned.
            case warn = "Warn"
            /// The failure is recorded in the audit log (or Kyverno's reports).
            case audit = "Audit"
        }

        /// The kind of object a policy takes its parameters from.
        public struct ParamKind: Sendable, Hashable {
            public var apiVersion: String
            public var kind: String

            public init(apiVersion: String, kind: String) {
                self.apiVersion = apiVersion
                self.kind = kind
            }
        }

        /// Where a binding finds its parameter objects: by name or by label selector, in a
        /// namespace or in the object's own.
        public struct ParamRef: Sendable {
            public var name: String?
            public var namespace: String?
            public var selector: LabelSelector?
            /// `parameterNotFoundAction: Deny`: finding no parameter is a misconfiguration, left to
            /// the failure policy. With `Allow` the binding admits the object.
            public var denyWhenNotFound: Bool

            public init(
                name: String? = nil, namespace: String? = nil, selector: LabelSelector? = nil, denyWhenNotFound: Bool
            ) {
                self.name = name
                self.namespace = namespace
                self.selector = selector
                self.denyWhenNotFound = denyWhenNotFound
            }
        }

        /// An audit annotation: a key and an expression giving its value (a string, or null for
        /// none).
        public struct AuditAnnotation: Sendable {
            public var key: String
            public var valueExpression: Expression

            public init(key: String, valueExpression: Expression) {
                self.key = key
                self.valueExpression = valueExpression
            }
        }

        public var format: Format
        /// The policy's `metadata.name`.
        public var name: String
        /// The binding this copy of a ValidatingAdmissionPolicy applies, or `nil` when the policy
        /// is applied without one (no binding was found beside it) and for Kyverno policies.
        public var bindingName: String?
        /// The policy's `matchConstraints`.
        public var constraints: MatchConstraints
        /// The binding's `matchResources`, which narrow the policy's further.
        public var bindingConstraints: MatchConstraints?
        public var paramKind: ParamKind?
        public var paramRef: ParamRef?
        public var failurePolicy: FailurePolicy
        public var validationActions: [ValidationAction]
        public var auditAnnotations: [AuditAnnotation]
        /// For a copy of a Kyverno policy made by its pod-controller autogen, the controllers' group
        /// (`defaults` or `cronjobs`).
        public var autogen: String?

        public init(
            format: Format, name: String, bindingName: String? = nil, constraints: MatchConstraints,
            bindingConstraints: MatchConstraints? = nil, paramKind: ParamKind? = nil, paramRef: ParamRef? = nil,
            failurePolicy: FailurePolicy = .fail, validationActions: [ValidationAction] = [.deny],
            auditAnnotations: [AuditAnnotation] = [], autogen: String? = nil
        ) {
            self.format = format
            self.name = name
            self.bindingName = bindingName
            self.constraints = constraints
            self.bindingConstraints = bindingConstraints
            self.paramKind = paramKind
            self.paramRef = paramRef
            self.failurePolicy = failurePolicy
            self.validationActions = validationActions
            self.auditAnnotations = auditAnnotations
            self.autogen = autogen
        }

        /// The mode of a failed validation under these actions: `Deny` enforces, `Warn` warns,
        /// `Audit` records; with several, the strongest.
        public var mode: Mode {
            if validationActions.contains(.deny) { return .enforce }
            if validationActions.contains(.warn) { return .warn }
            return .audit
        }
    }
}
