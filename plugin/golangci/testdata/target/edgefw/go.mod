module example.com/edgefw

go 1.22
