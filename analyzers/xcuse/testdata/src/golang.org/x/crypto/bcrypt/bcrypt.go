// Package bcrypt is a stub of golang.org/x/crypto's.
package bcrypt

func GenerateFromPassword(password []byte, cost int) ([]byte, error) { return nil, nil }
