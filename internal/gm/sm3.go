package gm

import (
	"encoding/binary"
	"hash"
	"math/bits"
)

// SM3 here is GB/T 32905-2016 written out, not gmsm's sm3: that one
// rotates by a variable count in every round, recomputes each round
// constant, copies every Write into a new buffer and cannot Sum(b); it
// hashes at about half this speed, and xcguard build hashes every binary it
// makes. The tests hold this implementation to gmsm's and to OpenSSL's on
// every length across several blocks and on fuzzed input.

const (
	sm3Size  = 32
	sm3Block = 64
)

var sm3IV = [8]uint32{0x7380166f, 0x4914b2b9, 0x172442d7, 0xda8a0600, 0xa96f30bc, 0x163138aa, 0xe38dee4d, 0xb0fb0e4e}

// sm3T holds the round constants T_j rotated left by j (mod 32).
var sm3T = func() (t [64]uint32) {
	for j := range t {
		tj := uint32(0x79cc4519)
		if j >= 16 {
			tj = 0x7a879d8a
		}
		t[j] = bits.RotateLeft32(tj, j%32)
	}
	return t
}()

type sm3Digest struct {
	h   [8]uint32
	buf [sm3Block]byte
	n   int    // bytes in buf
	len uint64 // bytes written
}

// NewSM3 returns an SM3 hash.Hash.
func NewSM3() hash.Hash {
	d := new(sm3Digest)
	d.Reset()
	return d
}

func (d *sm3Digest) Size() int      { return sm3Size }
func (d *sm3Digest) BlockSize() int { return sm3Block }

func (d *sm3Digest) Reset() {
	d.h, d.n, d.len = sm3IV, 0, 0
}

func (d *sm3Digest) Write(p []byte) (int, error) {
	n := len(p)
	d.len += uint64(n)
	if d.n > 0 {
		c := copy(d.buf[d.n:], p)
		d.n += c
		p = p[c:]
		if d.n < sm3Block {
			return n, nil
		}
		sm3Compress(&d.h, d.buf[:])
		d.n = 0
	}
	if full := len(p) &^ (sm3Block - 1); full > 0 {
		sm3Compress(&d.h, p[:full])
		p = p[full:]
	}
	d.n = copy(d.buf[:], p)
	return n, nil
}

// Sum appends the digest to b; d is unchanged.
func (d *sm3Digest) Sum(b []byte) []byte {
	e := *d
	var pad [2 * sm3Block]byte
	pad[0] = 0x80
	// The padding ends the message 8 bytes short of a block boundary,
	// then the length in bits.
	k := (sm3Block - 8 - 1 - e.n) & (sm3Block - 1)
	binary.BigEndian.PutUint64(pad[1+k:], e.len*8)
	e.Write(pad[:1+k+8])
	for _, v := range e.h {
		b = binary.BigEndian.AppendUint32(b, v)
	}
	return b
}

// sm3Compress runs the compression function over each 64-byte block of p.
func sm3Compress(h *[8]uint32, p []byte) {
	var w [68]uint32
	a, b, c, d, e, f, g, hh := h[0], h[1], h[2], h[3], h[4], h[5], h[6], h[7]
	for ; len(p) >= sm3Block; p = p[sm3Block:] {
		for i := range 16 {
			w[i] = binary.BigEndian.Uint32(p[4*i:])
		}
		for i := 16; i < 68; i++ {
			x := w[i-16] ^ w[i-9] ^ bits.RotateLeft32(w[i-3], 15)
			w[i] = x ^ bits.RotateLeft32(x, 15) ^ bits.RotateLeft32(x, 23) ^ bits.RotateLeft32(w[i-13], 7) ^ w[i-6]
		}
		A, B, C, D, E, F, G, H := a, b, c, d, e, f, g, hh
		// Rounds 0–15 and 16–63 differ in FF and GG.
		for i := range 16 {
			a12 := bits.RotateLeft32(A, 12)
			ss1 := bits.RotateLeft32(a12+E+sm3T[i], 7)
			tt1 := A ^ B ^ C + D + (ss1 ^ a12) + (w[i] ^ w[i+4])
			tt2 := E ^ F ^ G + H + ss1 + w[i]
			D, C, B, A = C, bits.RotateLeft32(B, 9), A, tt1
			H, G, F, E = G, bits.RotateLeft32(F, 19), E, tt2^bits.RotateLeft32(tt2, 9)^bits.RotateLeft32(tt2, 17)
		}
		for i := 16; i < 64; i++ {
			a12 := bits.RotateLeft32(A, 12)
			ss1 := bits.RotateLeft32(a12+E+sm3T[i], 7)
			tt1 := (A&B | A&C | B&C) + D + (ss1 ^ a12) + (w[i] ^ w[i+4])
			tt2 := ((F^G)&E ^ G) + H + ss1 + w[i]
			D, C, B, A = C, bits.RotateLeft32(B, 9), A, tt1
			H, G, F, E = G, bits.RotateLeft32(F, 19), E, tt2^bits.RotateLeft32(tt2, 9)^bits.RotateLeft32(tt2, 17)
		}
		a, b, c, d, e, f, g, hh = a^A, b^B, c^C, d^D, e^E, f^F, g^G, hh^H
	}
	h[0], h[1], h[2], h[3], h[4], h[5], h[6], h[7] = a, b, c, d, e, f, g, hh
}
