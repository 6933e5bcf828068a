/*
//go:build windows
This is inside a block comment, so it is no constraint.
*/

package constraints
