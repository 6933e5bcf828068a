// A main module exercising every way a file can be selected or left out.
module example.com/modmain

go 1.22.3

toolchain go1.22.5

require (
	example.com/dep v1.2.3
	example.com/Upper v0.1.0 // indirect
	example.com/local v0.0.0
	golang.org/x/sync v0.7.0
	example.com/gone v1.0.0
)

require example.com/swapped v1.0.0

exclude example.com/dep v1.0.0

replace example.com/local => ../localdep

replace example.com/swapped v1.0.0 => example.com/other v2.0.0+incompatible

retract v0.0.1

ignore (
	./ignored
	node_modules
)
