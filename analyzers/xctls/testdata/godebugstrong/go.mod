module example.com/godebugstrong

go 1.21

godebug (
	tls10server=0
	tlsrsakex=0
	tls3des=0
)
