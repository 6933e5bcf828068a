// Package broken does not type-check, on purpose: verify must say so clearly.
package broken

var cache = map[string]int{}

func Put(k string) {
	cache[k] = undefinedValue // racewatch-fixture: broken-write
}
