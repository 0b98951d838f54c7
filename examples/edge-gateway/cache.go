package main

import (
	//xcguard:ignore XC101 the ETag only names a cached status body; nothing trusts it
	"crypto/sha1"
	"encoding/hex"
)

func etag(body []byte) string {
	sum := sha1.Sum(body)
	return `"` + hex.EncodeToString(sum[:8]) + `"`
}
