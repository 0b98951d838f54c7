// Package profile is a stub of github.com/pkg/profile.
package profile

type Profile struct{}

func (p *Profile) Stop() {}

func CPUProfile(p *Profile) {}

func MemProfile(p *Profile) {}

func Start(options ...func(*Profile)) interface{ Stop() } { return &Profile{} }
