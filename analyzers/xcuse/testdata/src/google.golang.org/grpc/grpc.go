// Package grpc is a stub of google.golang.org/grpc for the analyzer tests.
package grpc

import "google.golang.org/grpc/credentials"

type ServerOption interface{}

type DialOption interface{}

func Creds(c credentials.TransportCredentials) ServerOption { return nil }

func WithTransportCredentials(c credentials.TransportCredentials) DialOption { return nil }
