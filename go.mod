module github.com/xcguard/xcguard

//xcguard:ignore XC107 xcguard opens no TLS connection and hands crypto functions only crypto/rand; the go line stays 1.24 so that Go 1.24 still builds it
go 1.24.0

require (
	github.com/golangci/plugin-module-register v0.1.2
	github.com/google/go-cmp v0.7.0
	github.com/rogpeppe/go-internal v1.14.1
	github.com/santhosh-tekuri/jsonschema/v6 v6.0.2
	github.com/tjfoc/gmsm v1.4.1
	go.yaml.in/yaml/v3 v3.0.4
	golang.org/x/mod v0.29.0
	golang.org/x/tools v0.38.0
)

require (
	golang.org/x/sync v0.17.0 // indirect
	golang.org/x/sys v0.37.0 // indirect
	golang.org/x/text v0.14.0 // indirect
)
