//go:build !unix

package cibuild

import "errors"

// canLock is false where there is no flock: builds go without the link
// cache there.
const canLock = false

func lockEntry(string) (func(), error) { return nil, errors.New("no file locks on this system") }

func private(string) bool { return false }

func lockDir(string, bool) (func(), error) { return func() {}, nil }
