package migrateknown

import "testing"

// GB/T 32905-2016, example 1.
func TestName(t *testing.T) {
	if got := Name([]byte("abc")); got != "66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0" {
		t.Fatal(got)
	}
}
