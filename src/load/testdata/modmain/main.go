package main

import (
	"fmt"

	"example.com/modmain/internal/cache"
)

func main() { fmt.Println(cache.New()) }
