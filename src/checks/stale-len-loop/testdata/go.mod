module racewatch.test/stalelenloop

go 1.22
