package constraints

//go:build ignore
// A //go:build line after the package clause does not count.
