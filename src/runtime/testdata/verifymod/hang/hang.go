// Package hang has a test that never returns: verify must stop it at the budget.
package hang

var seen = map[int]bool{}

func Mark(i int) {
	seen[i] = true // racewatch-fixture: hang-write
}
