// Package godeltaprof is a stub of github.com/grafana/pyroscope-go/godeltaprof.
package godeltaprof

type HeapProfiler struct{}

func NewHeapProfiler() *HeapProfiler { return &HeapProfiler{} }
