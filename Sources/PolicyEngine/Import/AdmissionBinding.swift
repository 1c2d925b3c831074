import PolicyModel

/// A ValidatingAdmissionPolicyBinding as read: which policy it applies, with which parameters,
/// to which objects, and what a failed validation does. `PolicyLoader` turns each into a copy of
/// its policy.
struct AdmissionBinding {
    var name: String
    var policyName: String
    var paramRef: Policy.Admission.ParamRef?
    var matchResources: MatchConstraints?
    var validationActions: [Policy.Admission.ValidationAction]
    /// Where the binding's document starts.
    var location: Location
}
