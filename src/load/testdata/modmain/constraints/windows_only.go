// Copyright notice first: the //go:build line may follow other comments.

//go:build windows

package constraints
