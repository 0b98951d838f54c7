package main

import (
	"crypto/md5"
	"encoding/hex"

	"github.com/tjfoc/gmsm/sm3"
)

// Report is what a device sends.
type Report struct {
	Device    string `json:"device"`
	Payload   []byte `json:"payload"`
	Signature string `json:"signature"`
	Digest    string `json:"digest"`
}

// sign is the legacy request signature the first device firmware checks.
func sign(device string, payload []byte) string {
	sum := md5.Sum(append([]byte(device+":"), payload...))
	return hex.EncodeToString(sum[:])
}

// digest is the SM3 digest the platform checks since 2024.
func digest(payload []byte) string {
	return hex.EncodeToString(sm3.Sm3Sum(payload))
}
