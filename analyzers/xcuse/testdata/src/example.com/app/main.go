// Command app reaches store's endpoint and cipher two packages down.
package main

import "example.com/svc"

func main() {
	svc.Start() // want `^call: svc.Start reaches always dials TLS via tls.Dial \(store.Open → store.dial\); always SM4 block-cipher via sm4.NewCipher \(store.Open → store.seal\)$`
}
