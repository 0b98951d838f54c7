package main

import (
	"crypto/md5"
	"fmt"
	"log"
	"net/http"

	_ "example.com/edge/internal/debug"
)

func main() {
	fmt.Printf("%x\n", md5.Sum([]byte("edge")))
	log.Fatal(http.ListenAndServe(":8080", nil))
}
