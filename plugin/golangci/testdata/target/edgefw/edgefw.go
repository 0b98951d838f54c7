// Package edgefw is a dependency in a module of its own: Report posts
// over https with Go's default configuration on every call.
package edgefw

import (
	"io"
	"net/http"
)

func Report(body io.Reader) error {
	resp, err := http.Post("https://telemetry.example.cn/v1", "application/json", body)
	if err != nil {
		return err
	}
	return resp.Body.Close()
}
