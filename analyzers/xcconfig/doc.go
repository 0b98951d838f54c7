// Package xcconfig defines the config pseudo-analyzer: it reports nothing
// itself but gives every xcguard analyzer the effective policy and the
// package's suppression directives, and is the one place findings are
// reported through.
//
// # Analyzer xcconfig
//
// xcconfig: provide the xcguard policy and suppression directives to the other analyzers
//
// The policy is, in order: the file named by -xcconfig.policy or
// $XCGUARD_POLICY; else the nearest .xcguard.yml above the package
// directory; else the embedded default profile. -xcconfig.profile or
// $XCGUARD_PROFILE adds embedded profiles (comma-separated), the stricter
// value of each field winning. Findings in _test.go files are dropped unless
// -xcconfig.tests is set.
package xcconfig
