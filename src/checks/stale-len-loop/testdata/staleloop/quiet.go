// Near misses that must stay quiet.
package staleloop

func removeFirst(s []int, x int) []int {
	n := len(s)
	for i := 0; i < n; i++ {
		if s[i] == x {
			s = append(s[:i], s[i+1:]...)
			break
		}
	}
	return s
}

func cutAt(s []int, x int) []int {
	n := len(s)
	for i := 0; i < n; i++ {
		if s[i] == x {
			s = s[:i]
			return s
		}
	}
	return s
}

func recomputed(s []int) []int {
	n := len(s)
	for i := 0; i < n; i++ {
		if s[i] == 0 {
			s = append(s[:i], s[i+1:]...)
			n = len(s)
			i--
		}
	}
	return s
}

func decremented(s []int) []int {
	n := len(s)
	for i := 0; i < n; i++ {
		if s[i] == 0 {
			s = append(s[:i], s[i+1:]...)
			n--
			i--
		}
	}
	return s
}

func liveBound(s []int) []int {
	for i := 0; i < len(s); i++ {
		if s[i] == 0 {
			s = append(s[:i], s[i+1:]...)
			i--
		}
	}
	return s
}

// Backwards removal is the right way to do it.
func backwards(s []int) []int {
	for i := len(s) - 1; i >= 0; i-- {
		if s[i] == 0 {
			s = append(s[:i], s[i+1:]...)
		}
	}
	return s
}

func otherSlice(s, t []int) []int {
	n := len(s)
	for i := 0; i < n; i++ {
		if s[i] == 0 {
			t = t[:0]
		}
	}
	return t
}

func growOnly(s []int) []int {
	n := len(s)
	for i := 0; i < n; i++ {
		if s[i] > 10 {
			s = append(s, s[i]/2)
		}
	}
	return s
}

// The slice is changed but never indexed with the loop variable.
func halve(s []int) []int {
	n := len(s)
	for i := 0; i < n; i++ {
		if len(s) > 1 {
			s = s[1:]
		}
	}
	return s
}

func gotoOut(s []int) []int {
	n := len(s)
	for i := 0; i < n; i++ {
		if s[i] < 0 {
			s = s[:i]
			goto done
		}
	}
done:
	return s
}

func labeledBreak(rows [][]int) {
outer:
	for _, row := range rows {
		n := len(row)
		for i := 0; i < n; i++ {
			if row[i] == 0 {
				row = row[:i]
				break outer
			}
		}
	}
}

// The change happens in a closure that the loop never runs.
func deferred(s []int) (out []int) {
	n := len(s)
	for i := 0; i < n; i++ {
		f := func() { s = s[:0] }
		_ = f
		out = append(out, s[i])
	}
	return out
}

func mapReadOnly(m map[int]string) int {
	n := len(m)
	total := 0
	for i := 0; i < n; i++ {
		total += len(m[i])
	}
	return total
}

// Writing the map, but the count is not the loop's bound.
func mapNotBound(m map[int]int, keys []int) {
	n := len(m)
	for _, k := range keys {
		m[k] = n
	}
}

func rangeGrow(s []int) []int {
	for i := range s {
		if s[i] > 1 {
			s = append(s, 1)
		}
	}
	return s
}

// Replaced by a decoder's result of the same arity: nothing says it got shorter.
func redecode(vals []string, decode func([]string) []string) []string {
	for i := range vals {
		if vals[i] == "" {
			vals = decode(vals)
		}
	}
	return vals
}

// A local len is not the builtin: what it returns says nothing about s's length.
func shadowedLen(s []int) []int {
	len := func(x []int) int { return 3 }
	n := len(s)
	for i := 0; i < n; i++ {
		if s[i] == 0 {
			s = s[:i]
		}
	}
	return s
}
