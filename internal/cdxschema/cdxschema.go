// Package cdxschema checks documents against the official CycloneDX 1.6
// JSON schema, for the tests of the inventory and of the CLI; the schema
// files are inventory/testdata's. Only tests import it.
package cdxschema

import (
	"bytes"
	"os"
	"path/filepath"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// Files maps the schema files in dir to the URLs the 1.6 schema names them by.
var Files = map[string]string{
	"bom-1.6.schema.json":  "http://cyclonedx.org/schema/bom-1.6.schema.json",
	"spdx.schema.json":     "http://cyclonedx.org/schema/spdx.SNAPSHOT.schema.json",
	"jsf-0.82.schema.json": "http://cyclonedx.org/schema/jsf-0.82.SNAPSHOT.schema.json",
}

// Compile loads the CycloneDX 1.6 schema from dir.
func Compile(dir string) (*jsonschema.Schema, error) {
	c := jsonschema.NewCompiler()
	for name, url := range Files {
		f, err := os.Open(filepath.Join(dir, name))
		if err != nil {
			return nil, err
		}
		doc, err := jsonschema.UnmarshalJSON(f)
		f.Close()
		if err != nil {
			return nil, err
		}
		if err := c.AddResource(url, doc); err != nil {
			return nil, err
		}
	}
	return c.Compile(Files["bom-1.6.schema.json"])
}

// Validate checks a document against the schema.
func Validate(s *jsonschema.Schema, data []byte) error {
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		return err
	}
	return s.Validate(doc)
}
