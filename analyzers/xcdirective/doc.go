// Package xcdirective defines the analyzer that checks suppression
// directives once every rule analyzer has run.
//
// # Analyzer xcdirective
//
// xcdirective: report malformed and unused //xcguard:ignore directives
//
// XC001 reports a directive that names no rule, an unknown rule, or gives no
// reason; such a directive suppresses nothing, so the finding it meant to
// hide stays. XC002 reports a well-formed directive that suppressed nothing,
// for a rule the policy turns on.
//
// Its result lists the findings that directives suppressed, with their
// justifications, for drivers that render them (JSON, SARIF).
package xcdirective
