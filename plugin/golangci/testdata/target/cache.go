package main

import (
	//xcguard:ignore XC101 cache keys only; nothing trusts them
	"crypto/sha1"
)

//xcguard:ignore XC103 nothing here to hide
func cacheKey(b []byte) [20]byte { return sha1.Sum(b) }
