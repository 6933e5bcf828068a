// Package inner is the target of quiet's linkname into its own module.
package inner

func hidden() int { return 42 }
