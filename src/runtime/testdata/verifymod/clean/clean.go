// Package clean has no tests.
package clean

var names = map[string]bool{}

func Add(n string) { names[n] = true } // racewatch-fixture: clean-write
