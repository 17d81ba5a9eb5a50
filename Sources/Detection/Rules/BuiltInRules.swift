/// Every built-in threat rule. Each family keeps its list in its own file.
public enum BuiltInRules {
    public static var all: [any ThreatRule] { controlRules + surveillanceRules }
}
