package cli

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// Exit codes, the same for every subcommand (DESIGN §2):
//
//	0  no error-severity findings
//	1  error-severity findings
//	2  usage or bad input: bad flag, invalid policy, unreadable go.mod,
//	   package load errors, missing toolchain
//	3  internal error
const (
	exitOK       = 0
	exitFindings = 1
	exitInput    = 2
	exitInternal = 3
)

// errFindings reports that error-severity findings were written. It carries
// no message: the findings are the message.
var errFindings = errors.New("error-severity findings")

// An inputError is a problem with the command line or its inputs; the
// message says what is wrong and what to do.
type inputError struct{ msg string }

func (e *inputError) Error() string { return e.msg }

func inputf(format string, args ...any) error {
	return &inputError{fmt.Sprintf(format, args...)}
}

// oneLine keeps a message to its lines: a line break is kept only where
// xcguard continues a message on an indented line ("\n\t"), and other
// control characters are escaped, so that a file name with a newline in it
// (XCGUARD_POLICY=$'a\nb') cannot add lines of its own to a CI log.
func oneLine(msg string) string {
	var b strings.Builder
	for i, r := range msg {
		switch {
		case r == '\n' && strings.HasPrefix(msg[i+1:], "\t"):
			b.WriteRune(r)
		case r == '\t' || r >= 0x20 && r != 0x7f && !(r >= 0x80 && r < 0xa0):
			b.WriteRune(r)
		default:
			q := strconv.QuoteRune(r)
			b.WriteString(q[1 : len(q)-1])
		}
	}
	return b.String()
}

// exitCode maps an error returned by Run to the process exit code.
func exitCode(err error) int {
	var in *inputError
	switch {
	case err == nil:
		return exitOK
	case errors.Is(err, errFindings):
		return exitFindings
	case errors.As(err, &in):
		return exitInput
	}
	return exitInternal
}
