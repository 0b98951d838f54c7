// Package directives checks the directives themselves: XC001 for a
// malformed one, XC002 for one that suppresses nothing.
package directives

import (
	//xcguard:ignore XC101 MD5 only names cache files
	"crypto/md5"
	"crypto/sha1" //xcguard:ignore XC101 legacy header checksum

	//xcguard:ignore XC101 // want `^XC001: suppression directive for XC101 gives no reason: write //xcguard:ignore XC101 <why this is safe>$`
	"crypto/des"

	//xcguard:ignore XC999 not a rule // want `^XC001: suppression directive names unknown rule XC999 \(see 'xcguard list'\)$`
	"fmt"

	//xcguard:ignore // want `^XC001: suppression directive names no rule: write //xcguard:ignore XCnnn reason$`
	"strings"
	//xcguard:nolint XC101 wrong verb // want `^XC001: unknown directive xcguard:nolint`
	"bytes"
)

//xcguard:ignore XC101 nothing on the next line imports weak crypto // want `^XC002: suppression directive for XC101 suppresses nothing: remove it$`
var Sink = fmt.Sprint(md5.Sum(nil), sha1.Sum(nil), des.BlockSize, strings.ToUpper(""), bytes.MinRead)

//xcguard:ignore XC102 XC102 is off in baseline, so this directive is not judged
var Other = 1

//xcguard:ignore XC503 XC503 is a build rule: no analyzer here can use this directive
var Third = 2

/*xcguard:ignore XC101 in a block comment, it hides nothing */ // want `^XC001: a suppression directive must be a // line comment, not /\* \*/: write //xcguard:ignore XCnnn reason$`
var Fourth = 3
