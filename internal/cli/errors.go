package cli

import (
	"errors"
	"fmt"
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
