// This file has no package clause.

func f() {}
