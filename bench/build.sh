#!/usr/bin/env bash
# bench/build.sh: the build wrapper's cost, measured against the plain tools.
#
#  1. `xcguard build -profile gov-cloud` against `go build` with the same
#     environment (GOOS/GOARCH/CGO_ENABLED/CC/GOARM64, -trimpath), on
#     examples/edge-gateway, REPS times each with a warm build cache: what
#     the wrapper adds is the preflight, the inspection, SM3SUMS and the
#     manifest.
#     Three cases: sources unchanged, a fresh output directory, and the
#     main package edited before each run (what CI does on every push).
#  2. `xcguard inspect` of a large binary: golangci-lint with the xcguard
#     plugin (~70 MB, from plugin/golangci/testdata/gcl), REPS times.
#
#   bash bench/build.sh            # 5 repetitions
#   REPS=9 bash bench/build.sh
set -euo pipefail
reps=${REPS:-5}
root=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d)
edit="$root/examples/edge-gateway/zz_bench_edit.go"
trap 'rm -rf "$tmp" "$edit"' EXIT
(cd "$root" && go build -o "$tmp/xcguard" ./cmd/xcguard)
export XCGUARD_POLICY= XCGUARD_PROFILE=

. "$root/bench/lib.sh"

cd "$root/examples/edge-gateway"
env=(GOOS=linux GOARCH=arm64 CGO_ENABLED=1 CC=aarch64-linux-gnu-gcc GOARM64=v8.0)
echo "warming the build cache" >&2
env "${env[@]}" go build -trimpath -o "$tmp/plain" .
"$tmp/xcguard" build -profile gov-cloud -dist "$tmp/dist" . >/dev/null || true
# pair CASE: REPS runs each of xcguard build and go build, alternating,
# into $tmp/x-CASE and $tmp/g-CASE (ms per run).
#   unchanged  the same outputs every run: go build finds its output up to
#              date and does not link; xcguard build finds its link cache
#              entry up to date (it never links into dist/, where a planted
#              binary with the right build ID would be kept and signed);
#   fresh      a new output every run: go build links, xcguard build again
#              finds its cache entry up to date;
#   edited     the main package edited before each build: both compile it
#              and link (external linking, cgo).
pair() {
	local case=$1 i xout gout
	: >"$tmp/x-$case"
	: >"$tmp/g-$case"
	for i in $(seq "$reps"); do
		xout=$tmp/dist gout=$tmp/plain
		if [[ $case != unchanged ]]; then
			xout=$tmp/dist-$case-$i gout=$tmp/plain-$case-$i
		fi
		if [[ $case == edited ]]; then
			printf 'package main\n\nconst benchEdit = "x%d"\n' "$i" >"$edit"
		fi
		ms "$tmp/xcguard" build -profile gov-cloud -dist "$xout" . >>"$tmp/x-$case"
		if [[ $case == edited ]]; then
			printf 'package main\n\nconst benchEdit = "g%d"\n' "$i" >"$edit"
		fi
		ms env "${env[@]}" go build -trimpath -o "$gout" . >>"$tmp/g-$case"
	done
}
pair unchanged
pair fresh
pair edited
rm -f "$edit"
printf 'build of examples/edge-gateway for linux/arm64 (cgo), %d runs each, %s\n' "$reps" "$(go version)"
for label in unchanged fresh edited; do
	read -r xmin xmed < <(stats <"$tmp/x-$label")
	read -r gmin gmed < <(stats <"$tmp/g-$label")
	printf '%s\n  %-22s min %6d ms  median %6d ms\n  %-22s min %6d ms  median %6d ms\n' "$label:" "xcguard build" "$xmin" "$xmed" "go build (same env)" "$gmin" "$gmed"
	awk -v x="$xmed" -v g="$gmed" 'BEGIN {printf "  ratio xcguard build / go build (medians): %.2f\n", x / g}'
done

echo "building golangci-lint with the plugin (the large binary)" >&2
(cd "$root/plugin/golangci/testdata/gcl" && go build -o "$tmp/big" .)
size=$(stat -c %s "$tmp/big")
: >"$tmp/i"
for _ in $(seq "$reps"); do
	ms "$tmp/xcguard" inspect -profile gov-cloud,iot-edge "$tmp/big" >>"$tmp/i"
done
read -r imin imed < <(stats <"$tmp/i")
awk -v s="$size" -v r="$reps" -v a="$imin" -v m="$imed" 'BEGIN {printf "inspect of a %.1f MiB binary (every build rule), %d runs: min %d ms  median %d ms\n", s / 1048576, r, a, m}'
