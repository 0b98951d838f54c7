#!/usr/bin/env bash
# The xcguard action's run step (action.yml): runs the parts asked for once,
# to the canonical JSON, then renders from it the workflow annotations, the
# job summary, the SARIF report and the step's outputs. Its inputs arrive as
# INPUT_* environment variables, never spliced into the script.
#
# Exit status: 0 when nothing reaches the fail level, 1 when findings do,
# 2 or 3 when xcguard could not run (bad input, internal error).
set -uo pipefail

xc=${XCGUARD:?XCGUARD names the xcguard binary}
tmp=${RUNNER_TEMP:-$(mktemp -d)}
sarif=${INPUT_SARIF:-xcguard.sarif}
fail=${INPUT_FAIL_LEVEL:-error}
wd=${INPUT_WORKING_DIRECTORY:-.}

case $fail in
error | warning | none) ;;
*)
	echo "::error title=xcguard::fail-level must be error, warning or none, not \"$fail\""
	exit 2
	;;
esac

common=()
[[ -n ${INPUT_POLICY:-} ]] && common+=(-policy "$INPUT_POLICY")
[[ -n ${INPUT_PROFILE:-} ]] && common+=(-profile "$INPUT_PROFILE")
[[ -n ${INPUT_BASELINE:-} ]] && common+=(-baseline "$INPUT_BASELINE")

# only-new-issues: the lines the pull request changes, from its base.
rev=${INPUT_NEW_FROM_REV:-}
case ${INPUT_ONLY_NEW_ISSUES:-false} in
true)
	[[ -z $rev ]] && rev=${PULL_REQUEST_BASE:-}
	if [[ -z $rev ]]; then
		echo "::notice title=xcguard::only-new-issues: not a pull request, so every finding is reported"
	elif ! git cat-file -e "$rev^{commit}" 2>/dev/null; then
		# A shallow checkout has only the merge commit: fetch the base.
		if ! git fetch --quiet --no-tags --depth=1 origin "$rev"; then
			echo "::error title=xcguard::only-new-issues: cannot fetch the pull request's base $rev: check out with fetch-depth: 0"
			exit 2
		fi
	fi
	;;
false) ;;
*)
	echo "::error title=xcguard::only-new-issues must be true or false, not \"$INPUT_ONLY_NEW_ISSUES\""
	exit 2
	;;
esac
[[ -n $rev ]] && common+=(-new-from-rev "$rev")

IFS=', ' read -r -a parts <<<"${INPUT_PARTS:-vet,audit}"
vet=false audit=false build=false
for p in "${parts[@]}"; do
	case $p in
	vet) vet=true ;;
	audit) audit=true ;;
	build) build=true ;;
	"") ;;
	*)
		echo "::error title=xcguard::unknown part \"$p\": use vet, audit or build"
		exit 2
		;;
	esac
done
read -r -a packages <<<"${INPUT_PACKAGES:-./...}"
inventory=()
if [[ -n ${INPUT_INVENTORY:-} ]]; then
	if ! $vet; then
		echo "::error title=xcguard::the inventory comes from the vet part: add vet to parts"
		exit 2
	fi
	inventory=(-inventory "$INPUT_INVENTORY")
fi

# run NAME ARGS...: one xcguard run to $tmp/NAME.json; 0 and 1 are results.
reports=()
run() {
	local name=$1 sub=$2
	shift 2
	"$xc" "$sub" -format json -o "$tmp/xcguard-$name.json" "$@"
	local code=$?
	if ((code > 1)); then
		echo "::error title=xcguard::xcguard $sub could not run (exit $code): see the log above"
		exit "$code"
	fi
	reports+=("$tmp/xcguard-$name.json")
}

if $vet && $audit; then
	run check check "${common[@]}" -sarif "$sarif" "${inventory[@]}" "${packages[@]}"
elif $vet; then
	run vet vet "${common[@]}" -sarif "$sarif" "${inventory[@]}" "${packages[@]}"
elif $audit; then
	run audit audit "${common[@]}" -sarif "$sarif"
fi
if $build; then
	if [[ -z ${INPUT_BUILD_PACKAGE:-} ]]; then
		echo "::error title=xcguard::the build part needs build-package, e.g. ./cmd/app"
		exit 2
	fi
	run build build "${common[@]}" -sarif "$(dirname "$sarif")/xcguard-build.sarif" "$INPUT_BUILD_PACKAGE"
fi
if ((${#reports[@]} == 0)); then
	echo "::error title=xcguard::parts is empty: use vet, audit and/or build"
	exit 2
fi

# Annotations, with paths from the repository root. A runner shows the
# first 10 errors and 10 warnings of a step; the summary has them all.
"$xc" report -format github -prefix "$wd" "${reports[@]}"
if [[ -n ${GITHUB_STEP_SUMMARY:-} ]]; then
	"$xc" report -format markdown -prefix "$wd" "${reports[@]}" >>"$GITHUB_STEP_SUMMARY"
fi

# Counts, from the text summary line.
line=$("$xc" report -format text "${reports[@]}" | tail -n 1)
errors=0 warnings=0 suppressed=0
baselined=0
if [[ $line =~ ([0-9]+)\ errors?,\ ([0-9]+)\ warnings?,\ ([0-9]+)\ suppressed ]]; then
	errors=${BASH_REMATCH[1]} warnings=${BASH_REMATCH[2]} suppressed=${BASH_REMATCH[3]}
fi
if [[ $line =~ ([0-9]+)\ baselined ]]; then
	baselined=${BASH_REMATCH[1]}
fi
if [[ -n ${GITHUB_OUTPUT:-} ]]; then
	{
		echo "errors=$errors"
		echo "warnings=$warnings"
		echo "suppressed=$suppressed"
		echo "baselined=$baselined"
		if [[ $sarif == /* ]]; then echo "sarif=$sarif"; else echo "sarif=$wd/$sarif"; fi
		if [[ -n ${INPUT_INVENTORY:-} ]]; then
			if [[ $INPUT_INVENTORY == /* ]]; then echo "inventory=$INPUT_INVENTORY"; else echo "inventory=$wd/$INPUT_INVENTORY"; fi
		fi
	} >>"$GITHUB_OUTPUT"
fi
echo "xcguard: $errors errors, $warnings warnings, $suppressed suppressed (fail-level $fail)"

case $fail in
error) ((errors == 0)) ;;
warning) ((errors + warnings == 0)) ;;
none) true ;;
esac
