// Package slices (racewatch stub).
package slices

import (
	"cmp"
	"iter"
)

func Equal[S ~[]E, E comparable](s1, s2 S) bool                     { return false }
func Compare[S ~[]E, E cmp.Ordered](s1, s2 S) int                   { return 0 }
func Index[S ~[]E, E comparable](s S, v E) int                      { return -1 }
func IndexFunc[S ~[]E, E any](s S, f func(E) bool) int              { return -1 }
func Contains[S ~[]E, E comparable](s S, v E) bool                  { return false }
func ContainsFunc[S ~[]E, E any](s S, f func(E) bool) bool          { return false }
func Insert[S ~[]E, E any](s S, i int, v ...E) S                    { return s }
func Delete[S ~[]E, E any](s S, i, j int) S                         { return s }
func DeleteFunc[S ~[]E, E any](s S, del func(E) bool) S             { return s }
func Replace[S ~[]E, E any](s S, i, j int, v ...E) S                { return s }
func Clone[S ~[]E, E any](s S) S                                    { return s }
func Compact[S ~[]E, E comparable](s S) S                           { return s }
func CompactFunc[S ~[]E, E any](s S, eq func(E, E) bool) S          { return s }
func Grow[S ~[]E, E any](s S, n int) S                              { return s }
func Clip[S ~[]E, E any](s S) S                                     { return s }
func Reverse[S ~[]E, E any](s S)                                    {}
func Concat[S ~[]E, E any](slices ...S) S                           { return nil }
func Repeat[S ~[]E, E any](x S, count int) S                        { return x }
func Sort[S ~[]E, E cmp.Ordered](x S)                               {}
func SortFunc[S ~[]E, E any](x S, cmp func(a, b E) int)             {}
func SortStableFunc[S ~[]E, E any](x S, cmp func(a, b E) int)       {}
func IsSorted[S ~[]E, E cmp.Ordered](x S) bool                      { return false }
func IsSortedFunc[S ~[]E, E any](x S, cmp func(a, b E) int) bool    { return false }
func Min[S ~[]E, E cmp.Ordered](x S) E                              { return x[0] }
func MinFunc[S ~[]E, E any](x S, cmp func(a, b E) int) E            { return x[0] }
func Max[S ~[]E, E cmp.Ordered](x S) E                              { return x[0] }
func MaxFunc[S ~[]E, E any](x S, cmp func(a, b E) int) E            { return x[0] }
func BinarySearch[S ~[]E, E cmp.Ordered](x S, target E) (int, bool) { return 0, false }
func BinarySearchFunc[S ~[]E, E, T any](x S, target T, cmp func(E, T) int) (int, bool) {
	return 0, false
}
func All[Slice ~[]E, E any](s Slice) iter.Seq2[int, E]            { return nil }
func Backward[Slice ~[]E, E any](s Slice) iter.Seq2[int, E]       { return nil }
func Values[Slice ~[]E, E any](s Slice) iter.Seq[E]               { return nil }
func AppendSeq[Slice ~[]E, E any](s Slice, seq iter.Seq[E]) Slice { return s }
func Collect[E any](seq iter.Seq[E]) []E                          { return nil }
func Sorted[E cmp.Ordered](seq iter.Seq[E]) []E                   { return nil }
func SortedFunc[E any](seq iter.Seq[E], cmp func(E, E) int) []E   { return nil }
func Chunk[Slice ~[]E, E any](s Slice, n int) iter.Seq[Slice]     { return nil }
