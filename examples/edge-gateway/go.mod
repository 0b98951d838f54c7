module example.com/edge-gateway

go 1.22

require github.com/tjfoc/gmsm v1.4.1
