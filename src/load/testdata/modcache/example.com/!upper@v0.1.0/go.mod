module example.com/Upper

go 1.21
