package migratepinned

import "testing"

func TestName(t *testing.T) {
	if got := Name([]byte("abc")); got != "output/ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad" {
		t.Fatal(got)
	}
}
