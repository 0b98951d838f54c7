# bench/lib.sh: what the bench scripts share. Source it.

# ms CMD...: wall milliseconds of one run; findings (exit 1) are expected.
ms() {
	local start end
	start=$(date +%s%N)
	"$@" >/dev/null 2>&1 || [[ $? == 1 ]] || { echo "bench: $* failed" >&2; exit 1; }
	end=$(date +%s%N)
	echo $(((end - start) / 1000000))
}

# stats: "min median" of the numbers on standard input, one a line.
stats() { sort -n | awk '{a[NR]=$1} END {printf "%d %d\n", a[1], a[int((NR+1)/2)]}'; }
