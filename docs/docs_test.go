package docs

import (
	"os"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"
)

// designIDs are the rule IDs of DESIGN §3. A new rule adds its ID here and
// its page in rules/.
var designIDs = []string{
	"XC001", "XC002",
	"XC101", "XC102", "XC103", "XC104", "XC105", "XC106", "XC107",
	"XC201", "XC202", "XC203",
	"XC301", "XC302", "XC303",
	"XC401", "XC402", "XC403", "XC404", "XC405",
	"XC501", "XC502", "XC503", "XC504", "XC505", "XC506", "XC507", "XC508", "XC509",
}

func TestIDs(t *testing.T) {
	if diff := cmp.Diff(designIDs, IDs()); diff != "" {
		t.Errorf("documented rules differ from DESIGN §3 (-design +pages):\n%s", diff)
	}
}

// TestNoStrayFiles checks the directory itself: a page misnamed (xc101.md,
// XC101.MD) or in another format would not be embedded, and so not seen by
// IDs.
func TestNoStrayFiles(t *testing.T) {
	entries, err := os.ReadDir("rules")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range entries {
		got = append(got, e.Name())
	}
	var want []string
	for _, id := range designIDs {
		want = append(want, id+".md")
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("files in docs/rules (-want +got):\n%s", diff)
	}
}

func TestLookup(t *testing.T) {
	tests := []struct {
		name      string
		id        string
		wantOK    bool
		wantTitle string
	}{
		{name: "first", id: "XC001", wantOK: true, wantTitle: "malformed suppression directive"},
		{name: "middle", id: "XC101", wantOK: true, wantTitle: "weak or forbidden crypto import"},
		{name: "last", id: "XC508", wantOK: true, wantTitle: "denied or unapproved module linked into the binary"},
		{name: "unknown", id: "XC999", wantOK: false},
		{name: "between two rules", id: "XC108", wantOK: false},
		{name: "lower case", id: "xc101", wantOK: false},
		{name: "empty", id: "", wantOK: false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, ok := Lookup(tt.id)
			if ok != tt.wantOK {
				t.Fatalf("Lookup(%q) ok = %v, want %v", tt.id, ok, tt.wantOK)
			}
			if !ok {
				if diff := cmp.Diff(Rule{}, r); diff != "" {
					t.Errorf("Lookup(%q) returned a rule for a miss:\n%s", tt.id, diff)
				}
				return
			}
			if r.ID != tt.id || r.Title != tt.wantTitle {
				t.Errorf("Lookup(%q) = %s %q, want %s %q", tt.id, r.ID, r.Title, tt.id, tt.wantTitle)
			}
		})
	}
}

// TestLookupEveryRule checks Lookup against Rules for every page.
func TestLookupEveryRule(t *testing.T) {
	for _, want := range Rules() {
		got, ok := Lookup(want.ID)
		if !ok {
			t.Errorf("Lookup(%q) found nothing", want.ID)
			continue
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("Lookup(%q) (-Rules +Lookup):\n%s", want.ID, diff)
		}
	}
}

var sections = []string{"## Why", "## Bad", "## Good", "## How to fix", "## Suppress"}

// TestPages checks the structure every page shares.
func TestPages(t *testing.T) {
	for _, r := range Rules() {
		t.Run(r.ID, func(t *testing.T) {
			data, err := pages.ReadFile("rules/" + r.ID + ".md")
			if err != nil {
				t.Fatal(err)
			}
			if r.Markdown != string(data) {
				t.Error("Markdown is not the page")
			}
			for field, v := range map[string]string{"title": r.Title, "summary": r.Summary, "Checked by": r.CheckedBy, "Reported at": r.ReportedAt} {
				if strings.TrimSpace(v) == "" {
					t.Errorf("empty %s", field)
				}
			}
			if strings.Contains(r.Summary, "|") || strings.HasPrefix(r.Summary, "#") || strings.HasPrefix(r.Summary, "```") {
				t.Errorf("summary is not a paragraph: %q", r.Summary)
			}
			if want := URLBase + r.ID + ".md"; r.HelpURI() != want {
				t.Errorf("HelpURI() = %q, want %q", r.HelpURI(), want)
			}

			var headings []string
			fenced := false
			for _, line := range strings.Split(r.Markdown, "\n") {
				if strings.HasPrefix(line, "```") {
					fenced = !fenced
					continue
				}
				if !fenced && strings.HasPrefix(line, "## ") {
					headings = append(headings, strings.TrimRight(line, " "))
				}
			}
			if fenced {
				t.Error("a code fence is not closed")
			}
			var got []string
			for _, h := range headings {
				for _, s := range sections {
					if h == s {
						got = append(got, h)
					}
				}
			}
			if diff := cmp.Diff(sections, got); diff != "" {
				t.Errorf("sections (-want +got):\n%s\nall headings: %q", diff, headings)
			}
			if !strings.HasSuffix(r.Markdown, "\n") {
				t.Error("page does not end with a newline")
			}
		})
	}
}

const goodPage = `# XC101: weak or forbidden crypto import

| | |
|---|---|
| Checked by | ` + "`xcguard vet`" + ` |
| Reported at | the import spec |
| Profiles | baseline, gov-cloud |

Reports an import of a broken
crypto package.

## Why

Because.
`

func TestParse(t *testing.T) {
	tests := []struct {
		name    string
		page    string
		want    Rule
		wantErr string
	}{
		{
			name: "good page",
			page: goodPage,
			want: Rule{
				ID: "XC101", Title: "weak or forbidden crypto import", CheckedBy: "`xcguard vet`", ReportedAt: "the import spec",
				Profiles: []string{"baseline", "gov-cloud"}, Summary: "Reports an import of a broken crypto package.", Markdown: goodPage,
			},
		},
		{
			name: "CRLF line endings",
			page: strings.ReplaceAll(goodPage, "\n", "\r\n"),
			want: Rule{
				ID: "XC101", Title: "weak or forbidden crypto import", CheckedBy: "`xcguard vet`", ReportedAt: "the import spec",
				Profiles: []string{"baseline", "gov-cloud"}, Summary: "Reports an import of a broken crypto package.", Markdown: strings.ReplaceAll(goodPage, "\n", "\r\n"),
			},
		},
		{
			name: "profiles none",
			page: "# XC999: t\n\n| Checked by | vet |\n| Reported at | here |\n| Profiles | none |\n\nSummary.\n",
			want: Rule{ID: "XC999", Title: "t", CheckedBy: "vet", ReportedAt: "here", Summary: "Summary.", Markdown: "# XC999: t\n\n| Checked by | vet |\n| Reported at | here |\n| Profiles | none |\n\nSummary.\n"},
		},
		{
			name:    "empty page",
			page:    "",
			wantErr: `first line must be "# XCnnn: title"`,
		},
		{
			name:    "no title text",
			page:    strings.Replace(goodPage, "# XC101: weak or forbidden crypto import", "# XC101: ", 1),
			wantErr: `first line must be "# XCnnn: title"`,
		},
		{
			name:    "no rule ID in the title",
			page:    strings.Replace(goodPage, "# XC101: ", "# ", 1),
			wantErr: `first line must be "# XCnnn: title"`,
		},
		{
			name:    "title not on the first line",
			page:    "\n" + goodPage,
			wantErr: `first line must be "# XCnnn: title"`,
		},
		{
			name:    "no table",
			page:    "# XC101: t\n\nSummary.\n\n## Why\n",
			wantErr: `table needs the rows "Checked by" and "Reported at"`,
		},
		{
			name:    "table without rows",
			page:    "# XC101: t\n\n| | |\n|---|---|\n\nSummary.\n",
			wantErr: `table needs the rows "Checked by" and "Reported at"`,
		},
		{
			name:    "no Reported at row",
			page:    "# XC101: t\n\n| Checked by | vet |\n| Profiles | baseline |\n\nSummary.\n",
			wantErr: `table needs the rows "Checked by" and "Reported at"`,
		},
		{
			name:    "no summary: a heading follows the table",
			page:    "# XC101: t\n\n| Checked by | vet |\n| Reported at | here |\n\n## Why\n\nBecause.\n",
			wantErr: "no summary paragraph after the table",
		},
		{
			name:    "no summary: the page ends",
			page:    "# XC101: t\n\n| Checked by | vet |\n| Reported at | here |\n",
			wantErr: "no summary paragraph after the table",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := parse(tt.page)
			gotErr := ""
			if err != nil {
				gotErr = err.Error()
			}
			if gotErr != tt.wantErr {
				t.Fatalf("parse error = %q, want %q", gotErr, tt.wantErr)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("parse (-want +got):\n%s", diff)
			}
		})
	}
}

func TestParseAll(t *testing.T) {
	page := func(id string) *fstest.MapFile {
		return &fstest.MapFile{Data: []byte(strings.Replace(goodPage, "XC101", id, 1))}
	}
	tests := []struct {
		name    string
		fsys    fstest.MapFS
		wantIDs []string
		wantErr string
	}{
		{
			name:    "sorted by ID",
			fsys:    fstest.MapFS{"rules/XC201.md": page("XC201"), "rules/XC001.md": page("XC001"), "rules/XC101.md": page("XC101"), "rules/README.txt": {Data: []byte("not a page")}},
			wantIDs: []string{"XC001", "XC101", "XC201"},
		},
		{
			name:    "file name and title disagree",
			fsys:    fstest.MapFS{"rules/XC102.md": page("XC101")},
			wantErr: "docs/rules/XC102.md: page is titled XC101",
		},
		{
			name:    "malformed page names its file",
			fsys:    fstest.MapFS{"rules/XC101.md": page("XC101"), "rules/XC102.md": {Data: []byte("# XC102: t\n")}},
			wantErr: `docs/rules/XC102.md: table needs the rows "Checked by" and "Reported at"`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rules, err := parseAll(tt.fsys)
			gotErr := ""
			if err != nil {
				gotErr = err.Error()
			}
			if gotErr != tt.wantErr {
				t.Fatalf("parseAll error = %q, want %q", gotErr, tt.wantErr)
			}
			var ids []string
			for _, r := range rules {
				ids = append(ids, r.ID)
			}
			if diff := cmp.Diff(tt.wantIDs, ids); diff != "" {
				t.Errorf("parseAll IDs (-want +got):\n%s", diff)
			}
		})
	}
}
