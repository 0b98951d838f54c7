#!/usr/bin/env bash
# bench/vet.sh: time `xcguard vet` against `go vet` on the same real packages
# (default: the standard library's net/... and crypto/...), REPS times each,
# and print min and median wall time and the ratio of medians.
#
#   bash bench/vet.sh                    # 5 repetitions
#   REPS=9 PKGS="crypto/..." bash bench/vet.sh
#
# Both tools get a warm build cache (export data compiled once beforehand).
# go vet caches its results too: each go vet run gets a vet flag no other run
# used (-printf.funcs=…), so it analyzes every package again, like xcguard vet.
set -euo pipefail
reps=${REPS:-5}
pkgs=${PKGS:-"net/... crypto/..."}
root=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

(cd "$root" && go build -o "$tmp/xcguard" ./cmd/xcguard)
cd "$(go env GOROOT)/src"
export XCGUARD_POLICY= XCGUARD_PROFILE=

. "$root/bench/lib.sh"

echo "warming the build cache: go vet $pkgs" >&2
go vet $pkgs >/dev/null 2>&1 || true
"$tmp/xcguard" vet $pkgs >/dev/null 2>&1 || true

: >"$tmp/x"
: >"$tmp/g"
for i in $(seq "$reps"); do
	ms "$tmp/xcguard" vet $pkgs >>"$tmp/x"
	ms go vet -printf.funcs="xcguardbench$i$RANDOM" $pkgs >>"$tmp/g"
done
read -r xmin xmed < <(stats <"$tmp/x")
read -r gmin gmed < <(stats <"$tmp/g")
npkg=$(go list $pkgs | wc -l)
printf '%d packages (%s), %d runs each, %s\n' "$npkg" "$pkgs" "$reps" "$(go version)"
printf '%-14s min %6d ms  median %6d ms\n' "xcguard vet" "$xmin" "$xmed" "go vet" "$gmin" "$gmed"
awk -v x="$xmed" -v g="$gmed" 'BEGIN {printf "ratio xcguard vet / go vet (medians): %.2f\n", x / g}'
