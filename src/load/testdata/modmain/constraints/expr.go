//go:build (linux || darwin) && !(386 || arm)

package constraints
