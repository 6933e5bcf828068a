module racewatch.example

go 1.22
