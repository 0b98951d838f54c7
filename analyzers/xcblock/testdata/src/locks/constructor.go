package locks

import (
	"crypto/x509"
	"net/http"
)

// A value the function has just made, not yet shared: nobody can be
// waiting for its lock.
func newCache(cert *x509.Certificate) (*cache, error) { // want newCache:"verifies via x509.Certificate.Verify"
	c := &cache{chains: map[string][][]*x509.Certificate{}}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.roots = x509.NewCertPool()
	chains, err := cert.Verify(x509.VerifyOptions{Roots: c.roots})
	c.chains["leaf"] = chains
	return c, err
}

func newCacheNew() *cache { // want newCacheNew:"blocks via http.Get"
	c := new(cache)
	c.mu.Lock()
	http.Get("https://crl.example.cn/root.crl")
	c.mu.Unlock()
	return c
}

// Shared before the call: in a package variable, handed to a function,
// through a method, or to a goroutine.
var current *cache

func newPublished(cert *x509.Certificate) *cache { // want newPublished:"verifies via x509.Certificate.Verify"
	c := &cache{}
	current = c
	c.mu.Lock()
	defer c.mu.Unlock()
	cert.Verify(x509.VerifyOptions{}) // want `^XC302: certificate verification \(x509.Certificate.Verify\) while c.mu is held`
	return c
}

func newHanded(cert *x509.Certificate, keep func(*cache)) *cache { // want newHanded:"verifies via x509.Certificate.Verify"
	c := &cache{}
	c.mu.Lock()
	keep(c)
	cert.Verify(x509.VerifyOptions{}) // want `^XC302: `
	c.mu.Unlock()
	return c
}

func (c *cache) start() {}

func newStarted(cert *x509.Certificate) *cache { // want newStarted:"verifies via x509.Certificate.Verify"
	c := &cache{}
	c.start()
	c.mu.Lock()
	defer c.mu.Unlock()
	cert.Verify(x509.VerifyOptions{}) // want `^XC302: `
	return c
}

func newWatched(cert *x509.Certificate) *cache { // want newWatched:"verifies via x509.Certificate.Verify"
	c := &cache{}
	go func() {
		c.mu.Lock()
		c.mu.Unlock()
	}()
	c.mu.Lock()
	defer c.mu.Unlock()
	cert.Verify(x509.VerifyOptions{}) // want `^XC302: `
	return c
}

// Given, not made: someone else may hold it.
func fill(c *cache, cert *x509.Certificate) { // want fill:"verifies via x509.Certificate.Verify"
	c.mu.Lock()
	defer c.mu.Unlock()
	cert.Verify(x509.VerifyOptions{}) // want `^XC302: `
}

// Made twice: which one is locked is not known.
func remade(cert *x509.Certificate) { // want remade:"verifies via x509.Certificate.Verify"
	c := &cache{}
	c = current
	c.mu.Lock()
	defer c.mu.Unlock()
	cert.Verify(x509.VerifyOptions{}) // want `^XC302: `
}
