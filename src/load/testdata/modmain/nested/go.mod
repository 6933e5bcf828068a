module example.com/modmain/nested

go 1.21
