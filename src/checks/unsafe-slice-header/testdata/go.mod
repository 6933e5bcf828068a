module racewatch.test/unsafesliceheader

go 1.22
