package cibuild

import (
	"os"
	"strconv"
	"strings"
	"sync"
	"syscall"
)

// A smoke run's program may start children that leave its process group
// (setsid, a daemon's double fork). As a child subreaper, xcguard becomes
// the parent of every such orphan, so that it can kill them when the run
// ends instead of leaving them running with PPID 1.

var subreaper sync.Once

const prSetChildSubreaper = 36

func adoptOrphans() {
	subreaper.Do(func() {
		syscall.RawSyscall(syscall.SYS_PRCTL, prSetChildSubreaper, 1, 0)
	})
}

// killOrphans kills and reaps the processes whose parent is xcguard that
// it did not start itself: orphans a smoke run left behind. It runs when
// no program xcguard started is running (the smoke run is reaped).
// An orphan's own children come to xcguard when it dies: it repeats until
// none is left (or a bound, against a fork bomb outrunning it).
func killOrphans() {
	me := os.Getpid()
	for range 100 {
		entries, err := os.ReadDir("/proc")
		if err != nil {
			return
		}
		found := false
		for _, e := range entries {
			pid, err := strconv.Atoi(e.Name())
			if err != nil || parentOf(pid) != me {
				continue
			}
			found = true
			syscall.Kill(pid, syscall.SIGKILL)
			var ws syscall.WaitStatus
			syscall.Wait4(pid, &ws, 0, nil)
		}
		if !found {
			return
		}
	}
}

// parentOf reads a process's parent from /proc/PID/stat ("pid (comm) state
// ppid …"; comm may hold spaces and parentheses).
func parentOf(pid int) int {
	data, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	if err != nil {
		return 0
	}
	s := string(data)
	i := strings.LastIndexByte(s, ')')
	if i < 0 {
		return 0
	}
	f := strings.Fields(s[i+1:])
	if len(f) < 2 {
		return 0
	}
	ppid, _ := strconv.Atoi(f[1])
	return ppid
}
