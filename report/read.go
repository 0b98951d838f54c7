package report

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"

	"github.com/xcguard/xcguard/docs"
)

// A FailedRunError is a report written by a run that failed (WriteFailure):
// it holds no verdict, only the error.
type FailedRunError struct{ Msg string }

func (e *FailedRunError) Error() string { return "the run that wrote it failed: " + e.Msg }

// ReadJSON reads findings in the canonical JSON form, as written by
// -format json. A report of a failed run is a *FailedRunError.
func ReadJSON(r io.Reader) ([]Finding, error) {
	s, err := ReadReport(r)
	return s.Findings, err
}

// A Saved report is what a JSON report holds.
type Saved struct {
	Findings []Finding
	// Notes say what its run could not fully check.
	Notes []string
	// Parts are the parts of xcguard that ran (vet, audit, build), also
	// those that found nothing; nil in a report that does not say.
	Parts []string
}

// ReadReport is ReadJSON with the rest of the report: its notes and parts.
func ReadReport(r io.Reader) (Saved, error) {
	fs, notes, parts, err := readReport(r)
	return Saved{fs, notes, parts}, err
}

func readReport(r io.Reader) ([]Finding, []string, []string, error) {
	br := bufio.NewReader(r)
	if b, _ := br.Peek(3); string(b) == "\xef\xbb\xbf" {
		return nil, nil, nil, errors.New("not an xcguard JSON report: it starts with a UTF-8 byte-order mark, which xcguard never writes")
	}
	dec := json.NewDecoder(br)
	dec.DisallowUnknownFields()
	var doc struct {
		Version  int       `json:"version"`
		Findings []Finding `json:"findings"`
		Summary  Summary   `json:"summary"`
		Error    string    `json:"error"`
		Notes    []string  `json:"notes"`
		Parts    []string  `json:"parts"`
	}
	if err := dec.Decode(&doc); err != nil {
		var te *json.UnmarshalTypeError
		if errors.As(err, &te) {
			err = fmt.Errorf("%s where the report has %s", te.Value, jsonPlace(te.Field))
		}
		return nil, nil, nil, fmt.Errorf("not an xcguard JSON report: %v", err)
	}
	// One report per file: a second value (two reports concatenated, or
	// anything after the first) would otherwise be dropped unseen, and
	// with it its findings or its error.
	if _, err := dec.Token(); err != io.EOF {
		return nil, nil, nil, errors.New("not an xcguard JSON report: something follows the report; give each report as a file of its own")
	}
	switch {
	case doc.Version == 0:
		return nil, nil, nil, errors.New("not an xcguard JSON report: no \"version\": 1")
	case doc.Version != 1:
		return nil, nil, nil, fmt.Errorf("unsupported report version %d: this xcguard reads version 1", doc.Version)
	}
	for i, f := range doc.Findings {
		if _, known := docs.Lookup(f.Rule); !known {
			return nil, nil, nil, fmt.Errorf("not an xcguard JSON report: finding %d has rule %s, which is not an xcguard rule", i+1, quoteShort(f.Rule))
		}
		if f.Line < 0 || f.Column < 0 || f.EndLine < 0 || f.EndColumn < 0 {
			return nil, nil, nil, fmt.Errorf("not an xcguard JSON report: finding %d has a negative line or column", i+1)
		}
	}
	if doc.Error != "" {
		return nil, nil, nil, &FailedRunError{doc.Error}
	}
	for _, p := range doc.Parts {
		if p != "vet" && p != "audit" && p != "build" {
			return nil, nil, nil, fmt.Errorf("not an xcguard JSON report: part %s is not vet, audit or build", quoteShort(p))
		}
	}
	return doc.Findings, doc.Notes, doc.Parts, nil
}

// jsonPlace names where in the report a value of the wrong type was.
func jsonPlace(field string) string {
	if field == "" {
		return "an object"
	}
	return "the field " + field
}

// quoteShort quotes a value from a report for a message, cut to 40 bytes.
func quoteShort(s string) string {
	if len(s) > 40 {
		s = s[:40]
	}
	return strconv.Quote(s)
}
