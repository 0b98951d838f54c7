package baseline

import (
	"fmt"
	"time"

	"github.com/xcguard/xcguard/report"
)

// A Judgement is what comparing a run with a baseline found.
type Judgement struct {
	// Stale are the entries this run could have matched and did not.
	Stale []Entry
	// Expired counts the findings reported again because their entry expired.
	Expired int
}

// Apply marks the findings b records as baselined. name is the baseline
// file's path as findings name files; covers says whether this run looked
// where an entry's finding was (its part ran, its package was analyzed):
// only such entries can be stale. Findings already suppressed in source are
// left alone. An expired entry leaves its finding reported, with a related
// location at the entry.
func Apply(fs []report.Finding, b *File, name string, today time.Time, covers func(Entry) bool) Judgement {
	byFP := map[string]*Entry{}
	for i := range b.Entries {
		byFP[b.Entries[i].Fingerprint] = &b.Entries[i]
	}
	used := map[string]bool{}
	var j Judgement
	for i := range fs {
		f := &fs[i]
		e, ok := byFP[f.Fingerprint]
		if f.Suppressed || !ok || e.Rule != f.Rule {
			continue
		}
		used[e.Fingerprint] = true
		if e.expired(today) {
			j.Expired++
			f.Related = append(f.Related, report.Location{File: name, Line: e.line, Message: fmt.Sprintf("baseline entry expired on %s: the finding counts again", e.Expires)})
			continue
		}
		f.Baseline = true
	}
	for _, e := range b.Entries {
		if !used[e.Fingerprint] && covers(e) {
			j.Stale = append(j.Stale, e)
		}
	}
	return j
}

// Update is the baseline of this run: an entry for every finding not
// suppressed in source, with the reason, owner and expiry of old's entry
// for it, and old's entries that this run did not cover, kept as they are.
func Update(fs []report.Finding, old *File, covers func(Entry) bool) *File {
	prev := map[string]Entry{}
	b := &File{}
	if old != nil {
		for _, e := range old.Entries {
			prev[e.Fingerprint] = e
			if !covers(e) {
				b.Entries = append(b.Entries, e)
			}
		}
	}
	for _, f := range fs {
		if f.Suppressed || f.Fingerprint == "" {
			continue
		}
		e := Entry{Fingerprint: f.Fingerprint, Rule: f.Rule, File: f.File, Message: f.Message}
		if p, ok := prev[f.Fingerprint]; ok && p.Rule == f.Rule {
			e.Reason, e.Owner, e.Expires = p.Reason, p.Owner, p.Expires
		}
		b.Entries = append(b.Entries, e)
	}
	// A finding outside what covers says (a file the patterns did not
	// name) may also be an old entry kept above: keep one.
	seen := map[string]bool{}
	out := b.Entries[:0]
	for _, e := range b.Entries {
		if !seen[e.Fingerprint] {
			seen[e.Fingerprint] = true
			out = append(out, e)
		}
	}
	b.Entries = out
	return b
}
