module racewatch.dev/gooracle

go 1.22
