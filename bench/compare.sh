#!/usr/bin/env bash
# bench/compare.sh: xcguard against go vet and gosec on the same packages,
# in one run, with the load-and-type-check floor, REPS times each (min and
# median wall time, and peak RSS from /usr/bin/time when it is there).
#
#   bash bench/compare.sh                 # GOROOT's net/... crypto/..., then golang.org/x/tools
#   REPS=3 CORPUS=std bash bench/compare.sh    # or CORPUS=x/tools, CORPUS=example
#
# After the timings of a corpus it lists the findings of xcguard (finance)
# and gosec side by side (bench/diff): both, only one, and not comparable.
#
# gosec (pinned, from the Go module proxy) runs only its rules that overlap
# xcguard's: G108 (pprof), G401-G406 and G501-G507 (weak crypto), G402
# (TLS settings). go vet caches results by tool and flags; each "cold" run
# gets a policy file of its own, which changes xcguard's tool ID.
set -euo pipefail
reps=${REPS:-5}
corpus=${CORPUS:-all}
root=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export XCGUARD_POLICY= XCGUARD_PROFILE= GOFLAGS=

(cd "$root" && go build -o "$tmp/xcguard" ./cmd/xcguard && go build -o "$tmp/floor" ./bench/floor && go build -o "$tmp/diff" ./bench/diff)
GOBIN=$tmp go install github.com/securego/gosec/v2/cmd/gosec@v2.29.0
gosec_rules=G108,G401,G402,G403,G404,G405,G406,G501,G502,G503,G504,G505,G506,G507

timer=()
[[ -x /usr/bin/time ]] && timer=(/usr/bin/time -f %M -o "$tmp/rss")

# one NAME CMD...: a run's wall ms (and peak RSS KiB) appended to $tmp/r-NAME.
one() {
	local name=$1 start end
	shift
	start=$(date +%s%N)
	"${timer[@]}" "$@" >/dev/null 2>"$tmp/err" || [[ $? == 1 ]] || { echo "bench: $* failed:" >&2; cat "$tmp/err" >&2; exit 1; }
	end=$(date +%s%N)
	echo "$(((end - start) / 1000000)) $( [[ -s $tmp/rss ]] && tail -n 1 "$tmp/rss" || echo 0)" >>"$tmp/r-$name"
}
stats() { sort -n "$tmp/r-$1" | awk '{t[NR]=$1; if ($2>m) m=$2} END {printf "%d %d %d\n", t[1], t[int((NR+1)/2)], m}'; }

# findings PKGS...: xcguard's findings (finance: the strictest TLS and
# crypto settings) against gosec's on the same packages, in this directory.
findings() {
	"$tmp/xcguard" vet -profile finance -format json "$@" >"$tmp/xc.json" 2>"$tmp/err" || [[ $? == 1 ]] || { cat "$tmp/err" >&2; exit 1; }
	"$tmp/gosec" -quiet -fmt=json -include="$gosec_rules" "$@" >"$tmp/gs.json" 2>"$tmp/err" || [[ $? == 1 ]] || { cat "$tmp/err" >&2; exit 1; }
	echo "  xcguard vet -profile finance against gosec, same packages:"
	"$tmp/diff" -root . "$tmp/xc.json" "$tmp/gs.json" | sed 's/^/  /'
}

bench() {
	local label=$1 dir=$2
	shift 2
	local pkgs=("$@")
	cd "$dir"
	echo "== $label: warming the build cache" >&2
	go vet "${pkgs[@]}" >/dev/null 2>&1 || true
	"$tmp/xcguard" vet "${pkgs[@]}" >/dev/null 2>&1 || true
	rm -f "$tmp"/r-*
	for i in $(seq "$reps"); do
		one floor "$tmp/floor" "${pkgs[@]}"
		one xcguard "$tmp/xcguard" vet "${pkgs[@]}"
		one xcfinance "$tmp/xcguard" vet -profile finance "${pkgs[@]}"
		one govet go vet -printf.funcs="xcguardbench$i$RANDOM" "${pkgs[@]}"
		# A setting of its own: the effective policy, and so the tool ID, differ.
		printf 'version: 1\npprof: {extra_profilers: [example.invalid/bench%s]}\n' "$i$RANDOM" >"$tmp/policy-$i.yml"
		XCGUARD_POLICY=$tmp/policy-$i.yml one cold go vet -vettool="$tmp/xcguard" "${pkgs[@]}"
		XCGUARD_POLICY=$tmp/policy-$i.yml one warm go vet -vettool="$tmp/xcguard" "${pkgs[@]}"
		one gosec "$tmp/gosec" -quiet -fmt=json -include="$gosec_rules" "${pkgs[@]}"
	done
	read -r fmin fmed frss < <(stats floor)
	printf '\n%s (%d runs each, %s)\n' "$label" "$reps" "$(go version | cut -d' ' -f3)"
	printf '  %-34s %8s %8s %9s %10s\n' "" "min ms" "median" "peak MiB" "÷ floor"
	for row in "floor:load + type-check (floor)" "xcguard:xcguard vet (baseline)" "xcfinance:xcguard vet -profile finance" \
		"govet:go vet (default suite)" "cold:go vet -vettool=xcguard, cold" "warm:go vet -vettool=xcguard, warm" "gosec:gosec (overlapping rules)"; do
		read -r min med rss < <(stats "${row%%:*}")
		printf '  %-34s %8d %8d %9.0f %10.2f\n' "${row#*:}" "$min" "$med" "$((rss / 1024))" "$(awk -v m="$med" -v f="$fmed" 'BEGIN {print m / f}')"
	done
	read -r _ xmed _ < <(stats xcguard)
	read -r _ gmed _ < <(stats govet)
	read -r _ smed _ < <(stats gosec)
	read -r _ cmed _ < <(stats cold)
	read -r _ wmed _ < <(stats warm)
	awk -v x="$xmed" -v g="$gmed" -v s="$smed" -v c="$cmed" -v w="$wmed" 'BEGIN {
		printf "  ratios (medians): xcguard/go vet %.2f, xcguard/gosec %.2f, warm/cold vettool %.2f\n", x / g, x / s, w / c }'
	findings "${pkgs[@]}"
}

if [[ $corpus == all || $corpus == example ]]; then
	# A small service written for xinchuang rules: findings only.
	cd "$root/examples/edge-gateway"
	printf '\nexamples/edge-gateway\n'
	findings ./...
fi
if [[ $corpus == all || $corpus == std ]]; then
	bench "GOROOT net/... crypto/..." "$(go env GOROOT)/src" net/... crypto/...
fi
if [[ $corpus == all || $corpus == x/tools ]]; then
	v=$(cd "$root" && go list -m -f '{{.Version}}' golang.org/x/tools)
	cp -r "$(go env GOMODCACHE)/golang.org/x/tools@$v" "$tmp/xtools" && chmod -R u+w "$tmp/xtools"
	(cd "$tmp/xtools" && go mod download)
	bench "golang.org/x/tools@$v ./..." "$tmp/xtools" ./...
fi
