module example.com/edge

go 1.22

require example.com/edgefw v0.0.0

replace example.com/edgefw => ./edgefw
