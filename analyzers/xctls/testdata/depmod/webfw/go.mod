module example.com/webfw

go 1.24
