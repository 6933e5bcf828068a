package onlytests_test

import "testing"

func TestNothing(t *testing.T) {}
