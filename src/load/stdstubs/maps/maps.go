// Package maps (racewatch stub).
package maps

import "iter"

func Equal[M1, M2 ~map[K]V, K, V comparable](m1 M1, m2 M2) bool { return false }

func EqualFunc[M1 ~map[K]V1, M2 ~map[K]V2, K comparable, V1, V2 any](m1 M1, m2 M2, eq func(V1, V2) bool) bool {
	return false
}

func Clone[M ~map[K]V, K comparable, V any](m M) M { return m }

func Copy[M1 ~map[K]V, M2 ~map[K]V, K comparable, V any](dst M1, src M2) {}

func DeleteFunc[M ~map[K]V, K comparable, V any](m M, del func(K, V) bool) {}

func All[Map ~map[K]V, K comparable, V any](m Map) iter.Seq2[K, V] { return nil }

func Keys[Map ~map[K]V, K comparable, V any](m Map) iter.Seq[K] { return nil }

func Values[Map ~map[K]V, K comparable, V any](m Map) iter.Seq[V] { return nil }

func Insert[Map ~map[K]V, K comparable, V any](m Map, seq iter.Seq2[K, V]) {}

func Collect[K comparable, V any](seq iter.Seq2[K, V]) map[K]V { return nil }
