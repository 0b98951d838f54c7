package audit

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/xcguard/xcguard/policy"
)

// The GODEBUG defaults go.mod gives a main module are judged at the line
// that gives them: the go directive (or godebug default=) for the old
// defaults its version keeps, each godebug line for itself.
func TestGodebug(t *testing.T) {
	tests := []struct {
		name, gomod, policy string
		want                []string
	}{
		{
			name:  "go 1.21: every old default, one finding per rule",
			gomod: "module example.com/app\n\ngo 1.21\n",
			want: []string{
				"go.mod 03:01 XC103 go 1.21 in go.mod keeps Go's old GODEBUG defaults tls10server=1 (servers accept TLS 1.0 and 1.1 when MinVersion is unset), below the policy minimum TLS 1.3",
				"go.mod 03:01 XC105 go 1.21 in go.mod keeps Go's old GODEBUG defaults tlsrsakex=1 (RSA key exchange cipher suites (no forward secrecy) are enabled by default), tls3des=1 (3DES cipher suites are enabled by default)",
				"go.mod 03:01 XC107 go 1.21 in go.mod keeps Go's old GODEBUG defaults tlsunsafeekm=1 (ExportKeyingMaterial works on connections without Extended Master Secret), rsa1024min=0 (RSA keys shorter than 1024 bits are accepted), tlssha1=1 (SHA-1 signatures are accepted in TLS 1.2 handshakes), cryptocustomrand=1 (crypto functions draw randomness from the io.Reader they are given, however weak)",
			},
		},
		{
			name:  "go 1.26: nothing left",
			gomod: "module example.com/app\n\ngo 1.26.0\n",
		},
		{
			name:  "a godebug line turns one default back, another weakens",
			gomod: "module example.com/app\n\ngo 1.25.0\n\ngodebug (\n\tcryptocustomrand=0\n\ttlsrsakex=1\n)\n",
			want: []string{
				"go.mod 07:02 XC105 godebug tlsrsakex=1: RSA key exchange cipher suites (no forward secrecy) are enabled by default",
			},
		},
		{
			name:  "godebug default=go1.22 stands for the go version",
			gomod: "module example.com/app\n\ngo 1.26.0\n\ngodebug default=go1.24\n",
			want: []string{
				"go.mod 05:01 XC107 godebug default=go1.24 in go.mod keeps Go's old GODEBUG defaults tlssha1=1 (SHA-1 signatures are accepted in TLS 1.2 handshakes), cryptocustomrand=1 (crypto functions draw randomness from the io.Reader they are given, however weak)",
			},
		},
		{
			name:   "allowed by the policy, and a TLS minimum of 1.0",
			gomod:  "module example.com/app\n\ngo 1.24.0\n\ngodebug tls10server=1\n",
			policy: "crypto: {tls_min_version: \"1.0\", allow_godebug: [tlssha1=1, cryptocustomrand=1]}",
		},
		{
			name:  "a directive suppresses, with its reason",
			gomod: "module example.com/app\n\ngo 1.26.0\n\n//xcguard:ignore XC107 the HSM signs with SHA-1 until firmware 4.2\ngodebug tlssha1=1\n",
			want:  []string{"~go.mod 06:01 XC107 godebug tlssha1=1: SHA-1 signatures are accepted in TLS 1.2 handshakes"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := writeModule(t, tt.gomod)
			doc := "version: 1\nextends: [finance]\nrules: {XC401: off, XC402: off, XC403: off, XC405: off}\n" + tt.policy + "\n"
			p, err := policy.LoadBytes("p.yml", "", []byte(doc))
			if err != nil {
				t.Fatal(err)
			}
			res, err := Run(context.Background(), Options{Dir: dir, Policy: p, Go: (&fakeGo{}).run})
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, brief(res.Findings)); diff != "" {
				t.Errorf("findings (-want +got):\n%s", diff)
			}
		})
	}
}

// A library's go line sets no program's defaults: without a main package
// only its godebug lines are judged.
func TestGodebugLibrary(t *testing.T) {
	dir := writeModule(t, "module example.com/app\n\ngo 1.21\n\ngodebug rsa1024min=0\n")
	fake := &fakeGo{list: `{"ImportPath":"example.com/app","Name":"app","Module":{"Path":"example.com/app","Main":true,"Dir":"/app"}}` + "\n", graph: "example.com/app go@1.21\n"}
	res, err := Run(context.Background(), Options{Dir: dir, Policy: financePolicyWithGodebug(t), Go: fake.run})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"go.mod 05:01 XC107 godebug rsa1024min=0: RSA keys shorter than 1024 bits are accepted"}
	if diff := cmp.Diff(want, brief(res.Findings)); diff != "" {
		t.Errorf("findings (-want +got):\n%s", diff)
	}
}

func financePolicyWithGodebug(t *testing.T) *policy.Policy {
	t.Helper()
	p, err := policy.Load("", []string{"finance"})
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// In a workspace go.work gives the program its defaults: its go line and
// godebug lines are judged, at go.work.
func TestGodebugWorkspace(t *testing.T) {
	t.Setenv("GOWORK", "")
	root := t.TempDir()
	app := filepath.Join(root, "app")
	if err := os.MkdirAll(app, 0o755); err != nil {
		t.Fatal(err)
	}
	for name, text := range map[string]string{
		"go.work":    "go 1.26\n\ngodebug default=go1.20\n\nuse ./app\n",
		"app/go.mod": "module example.com/app\n\ngo 1.26\n",
	} {
		if err := os.WriteFile(filepath.Join(root, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	p, err := policy.LoadBytes("p.yml", "", []byte("version: 1\nextends: [finance]\nrules: {XC401: off, XC402: off, XC403: off, XC405: off}\n"))
	if err != nil {
		t.Fatal(err)
	}
	res, err := Run(context.Background(), Options{Dir: app, Policy: p, Go: (&fakeGo{}).run})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, f := range res.Findings {
		got = append(got, fmt.Sprintf("%s:%d %s", f.File, f.Line, f.Rule))
	}
	want := []string{"../go.work:3 XC103", "../go.work:3 XC105", "../go.work:3 XC107"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("findings (-want +got):\n%s", diff)
	}
	// GOWORK=off: no workspace, go.mod alone, which is current.
	t.Setenv("GOWORK", "off")
	res, err = Run(context.Background(), Options{Dir: app, Policy: p, Go: (&fakeGo{}).run})
	if err != nil || len(res.Findings) != 0 {
		t.Errorf("GOWORK=off: %v, %v", res.Findings, err)
	}
}
