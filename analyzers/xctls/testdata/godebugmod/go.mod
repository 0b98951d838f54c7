module example.com/godebugmod

go 1.24

godebug (
	tls10server=1
	tlsrsakex=1
)
