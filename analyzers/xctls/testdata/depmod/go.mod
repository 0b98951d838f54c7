module example.com/shop

go 1.24

godebug (
	tls10server=1
	tlsrsakex=1
)

require example.com/webfw v0.0.0

replace example.com/webfw => ./webfw
