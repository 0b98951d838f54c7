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
: >"$tmp/x"
: >"$tmp/g"
# Unchanged source: go build skips the link when its output is up to date;
# xcguard build always links into a fresh directory (a stale or tampered
# binary in dist/ with the right build ID would otherwise be kept, hashed
# and signed), so this row shows the price of that.
for _ in $(seq "$reps"); do
	ms "$tmp/xcguard" build -profile gov-cloud -dist "$tmp/dist" . >>"$tmp/x"
	ms env "${env[@]}" go build -trimpath -o "$tmp/plain" . >>"$tmp/g"
done
# A fresh output each time: both link (external linking, cgo).
: >"$tmp/xf"
: >"$tmp/gf"
for i in $(seq "$reps"); do
	ms "$tmp/xcguard" build -profile gov-cloud -dist "$tmp/dist-$i" . >>"$tmp/xf"
	ms env "${env[@]}" go build -trimpath -o "$tmp/plain-$i" . >>"$tmp/gf"
done
# The main package edited before each run: both compile it and link.
: >"$tmp/xe"
: >"$tmp/ge"
for i in $(seq "$reps"); do
	printf 'package main\n\nconst benchEdit = "x%d"\n' "$i" >"$edit"
	ms "$tmp/xcguard" build -profile gov-cloud -dist "$tmp/dist-e$i" . >>"$tmp/xe"
	printf 'package main\n\nconst benchEdit = "g%d"\n' "$i" >"$edit"
	ms env "${env[@]}" go build -trimpath -o "$tmp/plain-e$i" . >>"$tmp/ge"
done
rm -f "$edit"
printf 'build of examples/edge-gateway for linux/arm64 (cgo), %d runs each, %s\n' "$reps" "$(go version)"
for kind in "unchanged x g" "fresh-output xf gf" "edited-main xe ge"; do
	read -r label x g <<<"$kind"
	read -r xmin xmed < <(stats <"$tmp/$x")
	read -r gmin gmed < <(stats <"$tmp/$g")
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
