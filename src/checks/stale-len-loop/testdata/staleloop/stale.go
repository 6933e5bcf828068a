// A length captured before a loop whose body shrinks or reassigns the slice.
package staleloop

import "slices"

func dropZeros(s []int) []int {
	n := len(s)
	for i := 0; i < n; i++ { // want `n was len\(s\) before the loop, but the body changes s .* s\[i\]`
		if s[i] == 0 {
			s = append(s[:i], s[i+1:]...)
		}
	}
	return s
}

func consume(queue []string, visit func(string)) {
	n := len(queue)
	for i := 0; i < n; i++ { // want `index out of range`
		visit(queue[i])
		queue = queue[1:]
	}
}

func resetMidway(s []byte) int {
	sum := 0
	var n = len(s)
	for i := 0; i < n; i++ { // want `n was len\(s\) before the loop`
		sum += int(s[i])
		if sum > 100 {
			s = nil
		}
	}
	return sum
}

func truncateAt(s []int, stop int) []int {
	n := len(s)
	for i := 0; i < n; i++ { // want `changes s`
		if s[i] == stop {
			s = s[:i]
			continue
		}
		s[i]++
	}
	return s
}

func initBound(items []string) []string {
	for i, n := 0, len(items); i < n; i++ { // want `n was len\(items\) before the loop`
		if items[i] == "" {
			items = slices.Delete(items, i, i+1)
		}
	}
	return items
}

func rangeRemove(s []int) []int {
	for i := range s { // want `range evaluates len\(s\) once`
		if s[i] < 0 {
			s = append(s[:i], s[i+1:]...)
		}
	}
	return s
}

func rangeOverInt(s []int) []int {
	n := len(s)
	for i := range n { // want `n was len\(s\) before the loop`
		if s[i] == 0 {
			s = s[:len(s)-1]
		}
	}
	return s
}

func trimWords(str string) string {
	n := len(str)
	for i := 0; i < n; i++ { // want `n was len\(str\) before the loop`
		if str[i] == ' ' {
			str = str[1:]
		}
	}
	return str
}

// A break inside a switch leaves the switch, not the loop.
func switchBreak(s []int) []int {
	n := len(s)
	for i := 0; i < n; i++ { // want `changes s`
		switch s[i] {
		case 0:
			s = append(s[:i], s[i+1:]...)
			break
		}
	}
	return s
}

func inclusiveBound(s []int) []int {
	last := len(s) - 1
	for i := 0; i <= last; i++ { // want `last was len\(s\) - 1 before the loop`
		if s[i] == 0 {
			s = append(s[:i], s[i+1:]...)
		}
	}
	return s
}

// A map used as a work list: entries added past the captured count are never visited.
func expand(work map[int]string, children func(string) []string) {
	n := len(work)
	for i := 0; i < n; i++ { // want `n was len\(work\) before the loop, but the body writes work`
		for _, c := range children(work[i]) {
			work[len(work)] = c
		}
	}
}

func pruneIndexed(byIndex map[int]bool) {
	n := len(byIndex)
	for i := 0; i < n; i++ { // want `the body writes byIndex`
		if !byIndex[i] {
			delete(byIndex, i+1)
		}
	}
}
