module racewatch.test/syncmapmisuse

go 1.22
